"""Decoding of Tributary's Avro single-object records, without a schema registry.

A value on ``jobs.deltas`` is Avro *single-object encoding*:

    C3 01 | 8-byte CRC-64-AVRO fingerprint (little-endian) | Avro binary body

The fingerprint is the Rabin CRC-64 of the writer schema's Parsing Canonical Form. Java
writes it with ``BinaryMessageEncoder`` (``SchemaNormalization.parsingFingerprint64``, put
little-endian). fastavro's ``fingerprint(pcf, "CRC-64-AVRO")`` returns the same eight bytes in
the same order, as hex, so the hex string is looked up directly.

Every released writer version ships in the schemas module as ``<Type>.v<N>.avsc``, fully
resolved. The decoder reads all of them: the fingerprint picks the writer schema and the newest
version is the reader schema, so data written by an older release reads with the newest fields
(absent ones take their defaults).

Needs only fastavro; no Kafka client.
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any, Dict, Mapping, Optional, Tuple

from fastavro import schemaless_reader, schemaless_writer
from fastavro.schema import fingerprint, parse_schema, to_parsing_canonical_form

MARKER = b"\xc3\x01"
HEADER_LENGTH = len(MARKER) + 8

JOB_EVENT = "io.tributary.schema.JobEvent"

# examples/python-consumer -> repository root -> the schemas module's released folder.
DEFAULT_SCHEMAS_DIR = (
    Path(__file__).resolve().parent.parent.parent
    / "schemas" / "src" / "main" / "resources" / "io" / "tributary" / "schema" / "released"
)

_RELEASED_FILE = re.compile(r"^(?P<name>[A-Za-z0-9_]+)\.v(?P<version>[0-9]+)\.avsc$")


class UndecodableRecord(Exception):
    """A record value that is not a readable single-object JobEvent. ``reason`` is a short key."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail


def schema_fingerprint(schema: Any) -> str:
    """Hex of the 8 fingerprint bytes as they appear in a single-object header."""
    return fingerprint(to_parsing_canonical_form(schema), "CRC-64-AVRO")


def load_released(schemas_dir: Path | str | None = None, type_name: str = "JobEvent") -> Dict[int, dict]:
    """Every released version of a top-level type: ``{version: schema as JSON}``."""
    folder = Path(schemas_dir) if schemas_dir is not None else DEFAULT_SCHEMAS_DIR
    if not folder.is_dir():
        raise FileNotFoundError(f"No released-schema folder at {folder}")
    versions: Dict[int, dict] = {}
    for path in folder.iterdir():
        match = _RELEASED_FILE.match(path.name)
        if match and match.group("name") == type_name:
            versions[int(match.group("version"))] = json.loads(path.read_text(encoding="utf-8"))
    if not versions:
        raise FileNotFoundError(f"No {type_name}.v*.avsc in {folder}")
    return versions


class SingleObjectDecoder:
    """Decodes single-object values written with any of the given writer schemas."""

    def __init__(self, versions: Mapping[int, dict], full_name: str = JOB_EVENT) -> None:
        if not versions:
            raise ValueError("no schema versions")
        self.full_name = full_name
        # fingerprint hex -> (version, parsed writer schema)
        self.writers: Dict[str, Tuple[int, Any]] = {}
        for version, raw in sorted(versions.items()):
            parsed = parse_schema(raw)
            name = parsed.get("name") if isinstance(parsed, dict) else None
            if name != full_name:
                raise ValueError(f"version {version} is {name}, expected {full_name}")
            fp = schema_fingerprint(raw)
            if fp in self.writers:
                raise ValueError(f"versions {self.writers[fp][0]} and {version} have the same canonical form")
            self.writers[fp] = (version, parsed)
        self.reader_version = max(versions)
        self.reader_schema = next(s for v, s in self.writers.values() if v == self.reader_version)

    @classmethod
    def from_dir(cls, schemas_dir: Path | str | None = None, type_name: str = "JobEvent",
                 namespace: str = "io.tributary.schema") -> "SingleObjectDecoder":
        return cls(load_released(schemas_dir, type_name), f"{namespace}.{type_name}")

    def writer_version(self, value: bytes) -> Optional[int]:
        """The released version that wrote the value, or None if its fingerprint is unknown."""
        entry = self.writers.get(bytes(value[2:HEADER_LENGTH]).hex()) if len(value) >= HEADER_LENGTH else None
        return entry[0] if entry else None

    def decode(self, value: Optional[bytes]) -> dict:
        """The record as a dict in the newest version's shape.

        Raises UndecodableRecord (reason ``tombstone``, ``not-single-object``,
        ``unknown-fingerprint`` or ``corrupt``) for anything else; never another exception for
        bad input.
        """
        if value is None:
            raise UndecodableRecord("tombstone")
        value = bytes(value)
        if len(value) < HEADER_LENGTH or value[:2] != MARKER:
            raise UndecodableRecord("not-single-object", f"{len(value)} bytes, starting {value[:2].hex()}")
        fp = value[2:HEADER_LENGTH].hex()
        entry = self.writers.get(fp)
        if entry is None:
            raise UndecodableRecord("unknown-fingerprint", fp)
        _, writer = entry
        try:
            return schemaless_reader(io.BytesIO(value[HEADER_LENGTH:]), writer, self.reader_schema)
        except Exception as e:  # fastavro raises EOFError, ValueError, SchemaResolutionError, ...
            raise UndecodableRecord("corrupt", f"{type(e).__name__}: {e}") from e


def encode_single_object(record: Mapping[str, Any], schema: Any) -> bytes:
    """Single-object encoding of a record with the given writer schema (JSON or parsed)."""
    out = io.BytesIO()
    out.write(MARKER)
    out.write(bytes.fromhex(schema_fingerprint(schema)))
    schemaless_writer(out, parse_schema(schema), dict(record))
    return out.getvalue()
