"""The CLI's reading loop and output against an in-memory stand-in for the Kafka consumer.

No broker, and confluent-kafka is not needed: where it is missing, TopicPartition and KafkaError
are replaced by small stand-ins. Run: python3 -m unittest -v
"""

import contextlib
import io
import json
import unittest
from datetime import datetime, timezone
from types import SimpleNamespace
from unittest import mock

import tributary_consumer as cli
from tributary_avro import encode_single_object, load_released
from test_tributary_avro import JAVA_V1_STARTED, JAVA_V2_USAGE

TOPIC = "jobs.deltas"
EOF = -191  # librdkafka's RD_KAFKA_RESP_ERR__PARTITION_EOF, KafkaError._PARTITION_EOF


class StandInTopicPartition:
    def __init__(self, topic, partition=-1, offset=-1001):
        self.topic, self.partition, self.offset, self.error = topic, partition, offset, None


class StandInKafkaError:
    _PARTITION_EOF = EOF


class Error:
    def __init__(self, code):
        self._code = code

    def code(self):
        return self._code

    def fatal(self):
        return False

    def __str__(self):
        return f"error {self._code}"


class Message:
    def __init__(self, partition, offset, key=None, value=None, timestamp=0, headers=None, error=None):
        self._partition, self._offset, self._key, self._value = partition, offset, key, value
        self._timestamp, self._headers, self._error = timestamp, headers, error

    def partition(self):
        return self._partition

    def offset(self):
        return self._offset

    def key(self):
        return self._key

    def value(self):
        return self._value

    def headers(self):
        return self._headers

    def timestamp(self):
        return (1, self._timestamp)

    def error(self):
        return self._error


class Cluster:
    """A topic's partitions as lists of records; a record with marker=True is a transaction marker."""

    def __init__(self, partitions):
        self.logs = {p: [] for p in range(partitions)}
        self.stable = {}  # partition -> last stable offset, when a transaction is open
        self.stalled = set()  # partitions whose fetches never answer

    def append(self, partition, timestamp, key=None, value=None, marker=False):
        log = self.logs[partition]
        log.append(SimpleNamespace(offset=len(log), timestamp=timestamp, key=key, value=value, marker=marker))


class FakeConsumer:
    def __init__(self, cluster, clock=None, conf=None):
        self.cluster, self.clock, self.conf = cluster, clock, conf
        self.positions, self.paused, self.eof_sent, self.closed = {}, set(), set(), False

    def list_topics(self, topic, timeout=None):
        topics = {TOPIC: SimpleNamespace(partitions={p: None for p in self.cluster.logs}, error=None)}
        return SimpleNamespace(topics={k: v for k, v in topics.items() if k == topic})

    def get_watermark_offsets(self, tp, timeout=None, cached=False):
        return 0, len(self.cluster.logs[tp.partition])

    def offsets_for_times(self, tps, timeout=None):
        found = []
        for tp in tps:
            at = next((r.offset for r in self.cluster.logs[tp.partition] if r.timestamp >= tp.offset), -1)
            found.append(cli.TopicPartition(tp.topic, tp.partition, at))
        return found

    def assign(self, tps):
        self.positions = {tp.partition: tp.offset for tp in tps}

    def pause(self, tps):
        self.paused.update(tp.partition for tp in tps)

    def consume(self, num_messages=1, timeout=-1):
        out = []
        for p, position in sorted(self.positions.items()):
            if p in self.paused or p in self.cluster.stalled:
                continue
            log = self.cluster.logs[p]
            readable = self.cluster.stable.get(p, len(log))
            while position < readable and len(out) < num_messages:
                record = log[position]
                position += 1
                if not record.marker:
                    out.append(Message(p, record.offset, record.key, record.value, record.timestamp,
                                       [("ce_type", b"io.tributary.job.x")]))
            self.positions[p] = position
            if position >= readable and p not in self.eof_sent and len(out) < num_messages:
                self.eof_sent.add(p)
                out.append(Message(p, position, error=Error(EOF)))
        if not out and self.clock is not None:
            self.clock.now += timeout  # waited for nothing
        return out

    def close(self):
        self.closed = True


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


@contextlib.contextmanager
def kafka_names():
    """Stand-ins for confluent-kafka's TopicPartition and KafkaError where it is not installed."""
    if cli.TopicPartition is not None:
        yield
        return
    with mock.patch.object(cli, "TopicPartition", StandInTopicPartition), \
            mock.patch.object(cli, "KafkaError", StandInKafkaError), \
            mock.patch.object(cli, "KafkaException", RuntimeError):
        yield


class ParseTimeTest(unittest.TestCase):

    def test_forms(self):
        ms = int(datetime(2026, 12, 7, 10, 0, tzinfo=timezone.utc).timestamp() * 1000)
        self.assertEqual(cli.parse_time("2026-12-07T10:00:00Z"), ms)
        self.assertEqual(cli.parse_time("2026-12-07T10:00:00"), ms)
        self.assertEqual(cli.parse_time("2026-12-07T11:00:00+01:00"), ms)
        self.assertEqual(cli.parse_time("2026-12-07T10:00:00.250Z"), ms + 250)
        self.assertEqual(cli.parse_time(str(ms)), ms)

    def test_rejects(self):
        with self.assertRaises(Exception):
            cli.parse_time("yesterday")


class ReadRangesTest(unittest.TestCase):

    def setUp(self):
        patcher = kafka_names()
        patcher.__enter__()
        self.addCleanup(patcher.__exit__, None, None, None)
        self.clock = Clock()

    def read(self, cluster, from_ms, to_ms=None, idle_timeout=5.0, after_plan=None):
        consumer = FakeConsumer(cluster, self.clock)
        ranges = cli.plan_ranges(consumer, TOPIC, from_ms, to_ms, timeout=1)
        if after_plan:
            after_plan()
        seen = []
        unfinished = cli.read_ranges(consumer, TOPIC, ranges, lambda m: seen.append((m.partition(), m.offset())),
                                     idle_timeout, clock=self.clock, batch=2)
        return ranges, seen, unfinished

    def test_from_the_first_record_at_from_to_the_end_seen_at_start(self):
        cluster = Cluster(3)
        for t in range(1, 6):
            cluster.append(0, t * 1000)
            cluster.append(1, t * 1000 + 500)
        cluster.append(2, 1000)  # nothing at or after --from on partition 2

        def more():
            cluster.append(0, 9000)
            cluster.append(1, 9000)
        ranges, seen, unfinished = self.read(cluster, 3000, after_plan=more)
        self.assertEqual(ranges, {0: (2, 5), 1: (2, 5), 2: (1, 1)})
        self.assertEqual(sorted(seen), [(0, 2), (0, 3), (0, 4), (1, 2), (1, 3), (1, 4)])
        self.assertEqual(unfinished, set())

    def test_to_ends_at_the_first_record_at_or_after_it(self):
        cluster = Cluster(1)
        for t in range(1, 6):
            cluster.append(0, t * 1000)
        ranges, seen, unfinished = self.read(cluster, 2000, 4000)
        self.assertEqual(ranges, {0: (1, 3)})
        self.assertEqual(seen, [(0, 1), (0, 2)])
        self.assertEqual(unfinished, set())

    def test_a_transaction_marker_at_the_end_is_not_waited_for(self):
        cluster = Cluster(1)
        cluster.append(0, 1000)
        cluster.append(0, 1000)
        cluster.append(0, 1000, marker=True)
        _, seen, unfinished = self.read(cluster, 0, idle_timeout=1e9)
        self.assertEqual(seen, [(0, 0), (0, 1)])
        self.assertEqual(unfinished, set())

    def test_an_open_transaction_ends_the_read_at_the_last_stable_offset(self):
        cluster = Cluster(1)
        for _ in range(4):
            cluster.append(0, 1000)
        cluster.stable[0] = 2
        _, seen, unfinished = self.read(cluster, 0, idle_timeout=1e9)
        self.assertEqual(seen, [(0, 0), (0, 1)])
        self.assertEqual(unfinished, set())

    def test_gives_up_on_a_silent_partition(self):
        cluster = Cluster(2)
        cluster.append(0, 1000)
        cluster.append(1, 1000)
        cluster.stalled.add(1)
        _, seen, unfinished = self.read(cluster, 0, idle_timeout=5)
        self.assertEqual(seen, [(0, 0)])
        self.assertEqual(unfinished, {1})
        self.assertGreater(self.clock.now, 5)

    def test_nothing_in_range(self):
        cluster = Cluster(2)
        cluster.append(0, 1000)
        _, seen, unfinished = self.read(cluster, 5000)
        self.assertEqual((seen, unfinished), ([], set()))

    def test_missing_topic(self):
        with self.assertRaises(LookupError):
            cli.plan_ranges(FakeConsumer(Cluster(1)), "no.such.topic", 0, None, timeout=1)


class MainTest(unittest.TestCase):
    """The whole CLI over records encoded as the Java services encode them."""

    def setUp(self):
        patcher = kafka_names()
        patcher.__enter__()
        self.addCleanup(patcher.__exit__, None, None, None)
        versions = load_released()
        v1, v2 = versions[1], versions[max(versions)]
        base = {"started": None, "text": None, "reasoningDetails": None, "toolCall": None, "image": None,
                "usage": None, "completed": None, "failed": None, "aborted": None}

        def value(schema, job_id, seq, event_type, ts, **fields):
            record = dict(base, jobId=job_id, seq=seq, type=event_type,
                          timestamp=datetime.fromtimestamp(ts / 1000, timezone.utc), **fields)
            return encode_single_object(record, schema)

        def start(user, model):
            return {"userId": user, "threadId": None, "messageId": None, "model": model, "mode": "BACKGROUND",
                    "ingestInstanceId": "ingest-a"}

        usage = {"promptTokens": 100, "completionTokens": 50, "totalTokens": 150, "cost": 0.25,
                 "json": json.dumps({"completion_tokens_details": {"reasoning_tokens": 20},
                                     "prompt_tokens_details": {"cached_tokens": 30}})}
        self.from_ms = 1_800_000_000_000
        t = self.from_ms
        cluster = Cluster(2)
        cluster.append(0, t - 10, b"old", value(v2, "old", 0, "STARTED", t - 10, started=start("u1", "m1")))
        cluster.append(0, t + 1, b"old", value(v2, "old", 1, "USAGE", t + 1, usage=usage))
        cluster.append(0, t + 2, b"j1", value(v1, "j1", 0, "STARTED", t + 2, started=start("u1", "m1")))
        cluster.append(0, t + 3, b"j1", value(v2, "j1", 1, "USAGE", t + 3, usage=usage, raw=b"x"))
        cluster.append(0, t + 4, b"j1", value(v1, "j1", 2, "COMPLETED", t + 4,
                                              completed={"finishReason": "stop", "generationId": None}))
        cluster.append(0, t + 5, b"j1", None)  # tombstone
        cluster.append(0, t + 5, None, None, marker=True)
        cluster.append(1, t + 6, b"j2", value(v2, "j2", 0, "STARTED", t + 6, started=start("u2", "m2")))
        cluster.append(1, t + 7, b"j2", b"\xc3\x01" + b"\x00" * 8 + b"\x02")  # unknown fingerprint
        cluster.append(1, t + 8, b"job-java-1", JAVA_V1_STARTED)  # written by Java's encoder
        cluster.append(1, t + 9, b"job-java-1", JAVA_V2_USAGE)
        self.cluster = cluster
        self.confs = []

        def consumer(conf):
            self.confs.append(conf)
            return FakeConsumer(cluster, conf=conf)
        patcher = mock.patch.object(cli, "Consumer", consumer)
        patcher.start()
        self.addCleanup(patcher.stop)

    def run_cli(self, *args):
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = cli.main(["--bootstrap-servers", "localhost:9092", "--from", str(self.from_ms), *args])
        return code, out.getvalue(), err.getvalue()

    def test_json(self):
        code, out, _ = self.run_cli("--json")
        self.assertEqual(code, 0)
        summary = json.loads(out)
        zero = {"jobs": 0, "completed": 0, "failed": 0, "aborted": 0, "running": 0, "input_tokens": 0,
                "output_tokens": 0, "reasoning_tokens": 0, "cached_tokens": 0, "cost": 0.0}
        self.assertEqual(summary["models"], {
            "m1": dict(zero, jobs=1, completed=1, input_tokens=100, output_tokens=50, reasoning_tokens=20,
                       cached_tokens=30, cost=0.25),
            "m2": dict(zero, jobs=1, running=1),
            "openai/gpt-4o-mini": dict(zero, jobs=1, running=1, input_tokens=12, output_tokens=34,
                                       reasoning_tokens=7, cached_tokens=4, cost=0.0125),
        })
        self.assertEqual(sorted(summary["users"]), ["u1", "u2", "user-7"])
        self.assertEqual(summary["jobs"], 3)
        self.assertEqual(summary["skipped_records"], 2)
        self.assertEqual(summary["skip_reasons"], {"tombstone": 1, "unknown-fingerprint": 1})
        self.assertEqual(summary["partial_jobs"], 1)  # "old" started before --from
        self.assertEqual(summary["records_read"], 9)
        self.assertEqual(summary["incomplete_partitions"], [])
        conf = self.confs[0]
        self.assertEqual(conf["isolation.level"], "read_committed")
        self.assertIs(conf["enable.partition.eof"], True)
        self.assertIs(conf["enable.auto.commit"], False)

    def test_table(self):
        code, out, _ = self.run_cli("-X", "client.id=x")
        self.assertEqual(code, 0)
        self.assertIn("model", out.splitlines()[0])
        self.assertRegex(out, r"openai/gpt-4o-mini +1 +0 +0 +0 +1 +12 +34 +7 +4 +0\.012500")
        self.assertRegex(out, r"TOTAL +3 +1 +0 +0 +2 +112 +84 +27 +34 +0\.262500")
        self.assertIn("3 jobs counted from 9 records.", out)
        self.assertIn("1 partial jobs skipped", out)
        self.assertIn("2 records skipped as undecodable (tombstone: 1, unknown-fingerprint: 1).", out)
        self.assertEqual(self.confs[0]["client.id"], "x")

    def test_to_before_from_is_a_usage_error(self):
        with self.assertRaises(SystemExit) as caught, contextlib.redirect_stderr(io.StringIO()):
            self.run_cli("--to", str(self.from_ms - 1))
        self.assertEqual(caught.exception.code, 2)


if __name__ == "__main__":
    unittest.main()
