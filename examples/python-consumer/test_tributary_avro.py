"""Decoding tests; no broker, only fastavro. Run: python3 -m unittest -v"""

import copy
import struct
import unittest
from datetime import datetime, timezone

from fastavro.schema import parse_schema

from tributary_avro import (
    DEFAULT_SCHEMAS_DIR,
    SingleObjectDecoder,
    UndecodableRecord,
    encode_single_object,
    load_released,
    schema_fingerprint,
)

# What Java computes for each released JobEvent schema, by
#   org.apache.avro.SchemaNormalization.parsingFingerprint64(new Schema.Parser().parse(file))
# with Avro 1.12.1 (a throw-away Gen.java run with `java -cp avro-1.12.1.jar:jackson-*.jar:slf4j-api.jar`
# over schemas/src/main/resources/io/tributary/schema/released/JobEvent.v<N>.avsc).
# The long is as Java prints it; the hex is the 8 bytes BinaryMessageEncoder writes after C3 01,
# i.e. the long in little-endian order.
JAVA_FINGERPRINTS = {
    1: (-4800865204510660325, "1be99b5688e65fbd"),  # 0xbd5fe688569be91b
    2: (3672544775743160884, "3442e3fb0380f732"),  # 0x32f78003fbe34234
}

# Records written by Java: Avro 1.12.1's BinaryMessageEncoder over a GenericData.Record, in the
# same Gen.java run.
# JobEvent v2, USAGE: jobId job-java-1, seq 5, timestamp 2026-12-07T10:00:01.234Z, usage 12/34/46
# tokens, cost 0.0125, json with cached_tokens 4 and reasoning_tokens 7.
JAVA_V2_USAGE = bytes.fromhex(
    "c3013442e3fb0380f732146a6f622d6a6176612d310a0ca4b791ffc96800000000000202180244025c029a99999999"
    "99893f02d4027b2270726f6d70745f746f6b656e73223a31322c22636f6d706c6574696f6e5f746f6b656e73223a33"
    "342c22746f74616c5f746f6b656e73223a34362c22636f7374223a302e303132352c2270726f6d70745f746f6b656e"
    "735f64657461696c73223a7b226361636865645f746f6b656e73223a347d2c22636f6d706c6574696f6e5f746f6b65"
    "6e735f64657461696c73223a7b22726561736f6e696e675f746f6b656e73223a377d7d00000000")
# JobEvent v1, STARTED: jobId job-java-1, seq 0, timestamp 2026-12-07T10:00:00.500Z, user-7,
# thread-1, no messageId, model openai/gpt-4o-mini, BACKGROUND, ingest-a.
JAVA_V1_STARTED = bytes.fromhex(
    "c3011be99b5688e65fbd146a6f622d6a6176612d310002e8ab91ffc968020c757365722d3702107468726561642d31"
    "0002246f70656e61692f6770742d346f2d6d696e69020210696e676573742d610000000000000000")


def event(**fields):
    """A JobEvent with every optional field null, as a dict for fastavro."""
    record = {
        "jobId": "job-1", "seq": 0, "type": "STARTED",
        "timestamp": datetime(2026, 12, 7, 10, 0, 0, tzinfo=timezone.utc),
        "started": None, "text": None, "reasoningDetails": None, "toolCall": None, "image": None,
        "usage": None, "completed": None, "failed": None, "aborted": None,
    }
    record.update(fields)
    return record


class ReleasedSchemasTest(unittest.TestCase):

    def test_every_released_version_has_the_fingerprint_java_computes(self):
        versions = load_released()
        self.assertGreaterEqual(set(versions), {1, 2})
        for version, schema in sorted(versions.items()):
            with self.subTest(version=version):
                self.assertIn(version, JAVA_FINGERPRINTS,
                              f"JobEvent.v{version}.avsc is new: compute its fingerprint in Java "
                              "(SchemaNormalization.parsingFingerprint64) and add it above")
                java_long, java_hex = JAVA_FINGERPRINTS[version]
                self.assertEqual(schema_fingerprint(schema), java_hex)
                self.assertEqual(struct.pack("<q", java_long).hex(), java_hex)

    def test_avro_java_string_properties_do_not_matter(self):
        schema = load_released()[2]
        self.assertIn('"avro.java.string"', str(schema).replace("'", '"'))
        stripped = copy.deepcopy(schema)

        def strip(node):
            if isinstance(node, dict):
                node.pop("avro.java.string", None)
                for value in node.values():
                    strip(value)
            elif isinstance(node, list):
                for value in node:
                    strip(value)
        strip(stripped)
        parse_schema(schema)  # accepted as it is
        self.assertEqual(schema_fingerprint(schema), schema_fingerprint(stripped))

    def test_the_reader_is_the_newest_version(self):
        decoder = SingleObjectDecoder.from_dir(DEFAULT_SCHEMAS_DIR)
        self.assertEqual(decoder.reader_version, max(load_released()))
        self.assertEqual(sorted(v for v, _ in decoder.writers.values()), sorted(load_released()))


class DecodeTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.decoder = SingleObjectDecoder.from_dir()
        cls.versions = load_released()

    def test_decodes_what_java_wrote_with_v2(self):
        decoded = self.decoder.decode(JAVA_V2_USAGE)
        self.assertEqual(self.decoder.writer_version(JAVA_V2_USAGE), 2)
        self.assertEqual(decoded["jobId"], "job-java-1")
        self.assertEqual(decoded["seq"], 5)
        self.assertEqual(decoded["type"], "USAGE")
        self.assertEqual(decoded["timestamp"], datetime(2026, 12, 7, 10, 0, 1, 234000, tzinfo=timezone.utc))
        usage = decoded["usage"]
        self.assertEqual((usage["promptTokens"], usage["completionTokens"], usage["totalTokens"]), (12, 34, 46))
        self.assertEqual(usage["cost"], 0.0125)
        self.assertIn('"reasoning_tokens":7', usage["json"])
        self.assertIsNone(decoded["raw"])
        self.assertIsNone(decoded["started"])

    def test_decodes_what_java_wrote_with_v1_in_the_v2_shape(self):
        decoded = self.decoder.decode(JAVA_V1_STARTED)
        self.assertEqual(self.decoder.writer_version(JAVA_V1_STARTED), 1)
        self.assertEqual(decoded["type"], "STARTED")
        self.assertEqual(decoded["seq"], 0)
        self.assertEqual(decoded["started"], {
            "userId": "user-7", "threadId": "thread-1", "messageId": None, "model": "openai/gpt-4o-mini",
            "mode": "BACKGROUND", "ingestInstanceId": "ingest-a"})
        self.assertIn("raw", decoded)  # added by v2, absent in v1: its default
        self.assertIsNone(decoded["raw"])

    def test_round_trip_with_each_released_version(self):
        for version, schema in sorted(self.versions.items()):
            with self.subTest(version=version):
                record = event(started={"userId": "u1", "threadId": None, "messageId": "m1", "model": "x/y",
                                        "mode": "FOREGROUND", "ingestInstanceId": None})
                if version >= 2:
                    record["raw"] = b"data: {}\n\n"
                value = encode_single_object(record, schema)
                self.assertEqual(value[:2], b"\xc3\x01")
                self.assertEqual(value[2:10].hex(), JAVA_FINGERPRINTS[version][1])
                decoded = self.decoder.decode(value)
                self.assertEqual(decoded["started"]["model"], "x/y")
                self.assertEqual(decoded["started"]["mode"], "FOREGROUND")
                self.assertEqual(decoded["timestamp"], record["timestamp"])
                self.assertEqual(decoded["raw"], record.get("raw"))

    def test_tombstone(self):
        with self.assertRaises(UndecodableRecord) as caught:
            self.decoder.decode(None)
        self.assertEqual(caught.exception.reason, "tombstone")

    def test_not_single_object(self):
        for value in (b"", b"\xc3\x01\x00", b'{"jobId":"j"}', b"\x00\x00\x00\x00\x01" + b"\x00" * 20):
            with self.subTest(value=value):
                with self.assertRaises(UndecodableRecord) as caught:
                    self.decoder.decode(value)
                self.assertEqual(caught.exception.reason, "not-single-object")

    def test_unknown_fingerprint(self):
        newer = copy.deepcopy(self.versions[max(self.versions)])
        newer["fields"].append({"name": "future", "type": ["null", "string"], "default": None})
        value = encode_single_object(event(future="x"), newer)
        with self.assertRaises(UndecodableRecord) as caught:
            self.decoder.decode(value)
        self.assertEqual(caught.exception.reason, "unknown-fingerprint")
        self.assertEqual(caught.exception.detail, value[2:10].hex())
        self.assertIsNone(self.decoder.writer_version(value))

    def test_corrupt_body(self):
        value = encode_single_object(event(text="hello"), self.versions[1])
        for broken in (value[:12], value[:10] + b"\xff" * 12):
            with self.subTest(broken=broken):
                with self.assertRaises(UndecodableRecord) as caught:
                    self.decoder.decode(broken)
                self.assertEqual(caught.exception.reason, "corrupt")


if __name__ == "__main__":
    unittest.main()
