#!/usr/bin/env python3
"""Token totals per model and per user, read straight off Tributary's ``jobs.deltas`` topic.

A second team's consumer, in Python, with no schema registry: it reads a time range of the topic
(from ``--from`` to ``--to``, or to the end offsets seen at start), decodes each Avro single-object
value against the released JobEvent schemas, rebuilds the jobs that started in the range and
prints what they used.

    python tributary_consumer.py --bootstrap-servers localhost:9092 --from 2026-12-07T10:00:00Z
    python tributary_consumer.py --bootstrap-servers localhost:9092 --from 2026-12-07T10:00:00Z \\
        --to 2026-12-07T11:00:00Z --json

Exit status: 0 when every partition was read to its end offset; 3 when some partition did not get
there before --idle-timeout (totals are printed all the same, and the partitions named on stderr);
2 for a usage or setup error (no such topic, broker unreachable, no schemas).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from datetime import datetime, timezone
from typing import Callable, Dict, Iterable, List, Optional, Set, Tuple

from job_totals import JobFolder
from tributary_avro import DEFAULT_SCHEMAS_DIR, SingleObjectDecoder, UndecodableRecord

try:  # the decoding and folding modules work without it; only reading the topic needs it
    from confluent_kafka import Consumer, KafkaError, KafkaException, TopicPartition
except ImportError:  # pragma: no cover - reported by main()
    Consumer = KafkaError = KafkaException = TopicPartition = None  # type: ignore[assignment,misc]

TOPIC = "jobs.deltas"

# partition -> (first offset to read, end offset: read up to but not including it)
Ranges = Dict[int, Tuple[int, int]]


def parse_time(text: str) -> int:
    """ISO-8601 (``2026-12-07T10:00:00Z``; no zone means UTC) or epoch milliseconds, as epoch ms."""
    text = text.strip()
    if text.isdigit():
        return int(text)
    try:
        moment = datetime.fromisoformat(text[:-1] + "+00:00" if text.endswith(("Z", "z")) else text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO-8601 time or epoch milliseconds: {text!r}") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return int(moment.timestamp() * 1000)


def plan_ranges(consumer, topic: str, from_ms: int, to_ms: Optional[int], timeout: float) -> Ranges:
    """Per partition, the offsets of the first record at or after from_ms and the end.

    The end is the high watermark read now, or, with to_ms, the first offset at or after to_ms
    if that is lower. Records appended after this call are not read.
    """
    metadata = consumer.list_topics(topic, timeout=timeout)
    described = metadata.topics.get(topic)
    if described is None or described.error is not None:
        raise LookupError(f"topic {topic}: {described.error if described is not None else 'not found'}")
    partitions = sorted(described.partitions)
    if not partitions:
        raise LookupError(f"topic {topic} has no partitions")

    highs = {p: consumer.get_watermark_offsets(TopicPartition(topic, p), timeout=timeout)[1] for p in partitions}

    def first_at(ms: int) -> Dict[int, int]:
        found = consumer.offsets_for_times([TopicPartition(topic, p, ms) for p in partitions], timeout=timeout)
        offsets = {}
        for tp in found:
            if tp.error is not None:
                raise KafkaException(tp.error)
            # -1: no record at or after that time, so nothing from there to the end
            offsets[tp.partition] = tp.offset if tp.offset >= 0 else highs[tp.partition]
        return offsets

    starts = first_at(from_ms)
    ends = dict(highs)
    if to_ms is not None:
        ends = {p: min(highs[p], offset) for p, offset in first_at(to_ms).items()}
    return {p: (min(starts[p], ends[p]), ends[p]) for p in partitions}


def read_ranges(consumer, topic: str, ranges: Ranges, on_message: Callable[[object], None],
                idle_timeout: float, clock: Callable[[], float] = time.monotonic,
                batch: int = 500) -> Set[int]:
    """Reads each partition from its start to its end offset; returns the partitions left unfinished.

    A partition is finished at its end offset, or at end-of-partition (needs enable.partition.eof):
    under read_committed a consumer stops at the last stable offset, and the end offset itself may
    be a transaction marker that is never delivered. Gives up after idle_timeout seconds without
    any message or event.
    """
    active = {p for p, (start, end) in ranges.items() if start < end}
    if not active:
        return set()
    consumer.assign([TopicPartition(topic, p, ranges[p][0]) for p in sorted(active)])
    last_progress = clock()
    while active:
        messages = consumer.consume(num_messages=batch, timeout=1.0)
        if not messages:
            if clock() - last_progress > idle_timeout:
                break
            continue
        last_progress = clock()
        finished: List[int] = []
        for message in messages:
            partition = message.partition()
            if partition not in active:
                continue
            error = message.error()
            if error is not None:
                if error.code() == KafkaError._PARTITION_EOF:
                    active.discard(partition)
                    finished.append(partition)
                elif error.fatal():
                    raise KafkaException(error)
                else:
                    print(f"warning: {error}", file=sys.stderr)
                continue
            offset = message.offset()
            end = ranges[partition][1]
            if offset < end:
                on_message(message)
            if offset + 1 >= end:
                active.discard(partition)
                finished.append(partition)
        if finished:
            consumer.pause([TopicPartition(topic, p) for p in finished])
    return active


def _header(message, name: str) -> Optional[str]:
    for key, value in message.headers() or []:
        if key == name and value is not None:
            return value.decode("utf-8", "replace")
    return None


def format_table(summary: dict) -> str:
    columns = ["jobs", "completed", "failed", "aborted", "running",
               "input_tokens", "output_tokens", "reasoning_tokens", "cached_tokens", "cost"]
    titles = ["jobs", "done", "failed", "aborted", "running", "input", "output", "reasoning", "cached", "cost"]

    def cell(column: str, value) -> str:
        return f"{value:.6f}" if column == "cost" else f"{value:,}"

    def table(title: str, rows: Dict[str, dict]) -> List[str]:
        total = {c: sum(r[c] for r in rows.values()) for c in columns}
        body = [[name] + [cell(c, r[c]) for c in columns] for name, r in rows.items()]
        body.append(["TOTAL"] + [cell(c, total[c]) for c in columns])
        head = [title] + titles
        widths = [max(len(row[i]) for row in body + [head]) for i in range(len(head))]

        def line(row: List[str]) -> str:
            return "  ".join([row[0].ljust(widths[0])] + [v.rjust(w) for v, w in zip(row[1:], widths[1:])])

        rule = "-" * len(line(head))
        return [line(head), rule] + [line(r) for r in body[:-1]] + [rule, line(body[-1])]

    out: List[str] = []
    if summary["jobs"]:
        out += table("model", summary["models"]) + [""] + table("user", summary["users"]) + [""]
    else:
        out += ["No job started in the range.", ""]
    reasons = ", ".join(f"{k}: {v}" for k, v in summary["skip_reasons"].items())
    out.append(f"{summary['jobs']} jobs counted from {summary.get('records_read', 0)} records.")
    out.append(f"{summary['partial_jobs']} partial jobs skipped (started before --from; "
               f"{summary['partial_events']} records).")
    out.append(f"{summary['skipped_records']} records skipped as undecodable" + (f" ({reasons})." if reasons else "."))
    if summary["duplicate_events"] or summary["unknown_events"]:
        out.append(f"{summary['duplicate_events']} duplicate events ignored; "
                   f"{summary['unknown_events']} events of a type this consumer does not know.")
    return "\n".join(out)


def _properties(pairs: Iterable[str]) -> Dict[str, str]:
    conf = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key:
            raise argparse.ArgumentTypeError(f"-X wants key=value, got {pair!r}")
        conf[key.strip()] = value
    return conf


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description="Token totals per model and per user from Tributary's jobs.deltas.")
    parser.add_argument("--bootstrap-servers", required=True, help="e.g. localhost:9092")
    parser.add_argument("--from", dest="from_ms", required=True, type=parse_time,
                        help="start of the range: ISO-8601 (2026-12-07T10:00:00Z) or epoch ms")
    parser.add_argument("--to", dest="to_ms", type=parse_time,
                        help="end of the range, exclusive (default: the end offsets at start)")
    parser.add_argument("--topic", default=TOPIC)
    parser.add_argument("--schemas-dir", default=str(DEFAULT_SCHEMAS_DIR),
                        help="folder of released schemas, JobEvent.v<N>.avsc (default: this repository's)")
    parser.add_argument("--json", action="store_true", help="print one JSON object instead of tables")
    parser.add_argument("--per-job", action="store_true", help="also list every job (JSON: per_job)")
    parser.add_argument("--group-id", default=f"tributary-python-consumer-{os.getpid()}",
                        help="consumer group id; nothing is committed, partitions are assigned directly")
    parser.add_argument("--idle-timeout", type=float, default=30.0,
                        help="seconds without any record before giving up on unfinished partitions (default 30)")
    parser.add_argument("--timeout", type=float, default=15.0, help="seconds for metadata and offset look-ups")
    parser.add_argument("-X", dest="properties", action="append", default=[], metavar="KEY=VALUE",
                        help="extra librdkafka property, e.g. -X security.protocol=SASL_SSL; repeatable")
    parser.add_argument("-v", "--verbose", action="store_true", help="print every record on stderr")
    return parser


def main(argv: Optional[List[str]] = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.to_ms is not None and args.to_ms <= args.from_ms:
        parser.error("--to must be after --from")
    try:
        extra = _properties(args.properties)
    except argparse.ArgumentTypeError as e:
        parser.error(str(e))
    if Consumer is None:
        print("confluent-kafka is not installed: python3 -m pip install -r requirements.txt", file=sys.stderr)
        return 2
    try:
        decoder = SingleObjectDecoder.from_dir(args.schemas_dir)
    except (OSError, ValueError) as e:
        print(f"cannot load the released JobEvent schemas: {e}", file=sys.stderr)
        return 2

    conf = {
        "bootstrap.servers": args.bootstrap_servers,
        "group.id": args.group_id,
        "client.id": "tributary-python-consumer",
        "enable.auto.commit": False,
        "enable.auto.offset.store": False,
        "isolation.level": "read_committed",
        "enable.partition.eof": True,
        "auto.offset.reset": "earliest",  # only if a planned offset was deleted by retention meanwhile
    }
    conf.update(extra)
    consumer = Consumer(conf)
    folder = JobFolder()
    records = 0

    def on_message(message) -> None:
        nonlocal records
        records += 1
        try:
            event = decoder.decode(message.value())
        except UndecodableRecord as e:
            folder.skip(e.reason)
            if args.verbose:
                print(f"p{message.partition()}@{message.offset()} skipped: {e}", file=sys.stderr)
            return
        folder.add(event)
        if args.verbose:
            key = (message.key() or b"").decode("utf-8", "replace")
            print(f"p{message.partition()}@{message.offset()} {key} seq={event['seq']} {event['type']} "
                  f"v{decoder.writer_version(message.value())} ce_type={_header(message, 'ce_type')}",
                  file=sys.stderr)

    try:
        ranges = plan_ranges(consumer, args.topic, args.from_ms, args.to_ms, args.timeout)
        unfinished = read_ranges(consumer, args.topic, ranges, on_message, args.idle_timeout)
    except (LookupError, KafkaException) as e:
        print(f"cannot read {args.topic} from {args.bootstrap_servers}: {e}", file=sys.stderr)
        return 2
    finally:
        consumer.close()

    summary = folder.summary(per_job=args.per_job)
    summary["records_read"] = records
    summary["incomplete_partitions"] = sorted(unfinished)
    if args.json:
        print(json.dumps(summary, indent=2, default=str))
    else:
        print(format_table(summary))
        if args.per_job:
            print()
            for job in summary["per_job"]:
                print(" ".join(f"{k}={v}" for k, v in job.items()))
    if unfinished:
        print(f"warning: partitions {sorted(unfinished)} did not reach their end offsets within "
              f"{args.idle_timeout:g}s; the totals leave out what they had left", file=sys.stderr)
        return 3
    return 0


if __name__ == "__main__":
    sys.exit(main())
