"""Folding tests; standard library only. Run: python3 -m unittest -v"""

import json
import unittest
from datetime import datetime, timedelta, timezone

from job_totals import JobFolder, usage_figures

T0 = datetime(2026, 12, 7, 10, 0, 0, tzinfo=timezone.utc)


def ev(job_id, seq, event_type, **fields):
    record = {"jobId": job_id, "seq": seq, "type": event_type, "timestamp": T0 + timedelta(seconds=seq),
              "started": None, "text": None, "usage": None, "completed": None, "failed": None,
              "aborted": None, "raw": None}
    record.update(fields)
    return record


def started(job_id, user, model):
    return ev(job_id, 0, "STARTED", started={"userId": user, "threadId": None, "messageId": None,
                                             "model": model, "mode": "BACKGROUND", "ingestInstanceId": "i1"})


def usage(job_id, seq, prompt, completion, cost, reasoning=None, cached=None, **extra):
    details = {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion,
               "cost": cost}
    if reasoning is not None:
        details["completion_tokens_details"] = {"reasoning_tokens": reasoning}
    if cached is not None:
        details["prompt_tokens_details"] = {"cached_tokens": cached}
    record = {"promptTokens": prompt, "completionTokens": completion, "totalTokens": prompt + completion,
              "cost": cost, "json": json.dumps(details)}
    record.update(extra)
    return ev(job_id, seq, "USAGE", usage=record)


class UsageFiguresTest(unittest.TestCase):

    def test_fields_and_details(self):
        figures = usage_figures(usage("j", 1, 10, 20, 0.5, reasoning=7, cached=3)["usage"])
        self.assertEqual(figures, {"prompt_tokens": 10, "completion_tokens": 20, "reasoning_tokens": 7,
                                   "cached_tokens": 3, "cost": 0.5})

    def test_falls_back_to_the_json_when_fields_are_null(self):
        record = dict(usage("j", 1, 10, 20, 0.5)["usage"], promptTokens=None, completionTokens=None, cost=None)
        self.assertEqual(usage_figures(record)["prompt_tokens"], 10)
        self.assertEqual(usage_figures(record)["completion_tokens"], 20)
        self.assertEqual(usage_figures(record)["cost"], 0.5)

    def test_nothing_usable(self):
        for record in ({"promptTokens": None, "completionTokens": None, "cost": None, "json": None},
                       {"promptTokens": None, "completionTokens": None, "cost": None, "json": "not json"},
                       {"promptTokens": None, "completionTokens": None, "cost": None, "json": "[1]"},
                       {"promptTokens": None, "completionTokens": None, "cost": None,
                        "json": '{"prompt_tokens_details": null, "completion_tokens_details": {"reasoning_tokens": "7"}}'}):
            with self.subTest(record=record):
                self.assertEqual(usage_figures(record), {"prompt_tokens": 0, "completion_tokens": 0,
                                                         "reasoning_tokens": 0, "cached_tokens": 0, "cost": 0.0})


class JobFolderTest(unittest.TestCase):

    def fold(self, events):
        folder = JobFolder()
        for event in events:
            folder.add(event)
        return folder

    def test_totals_per_model_and_user(self):
        folder = self.fold([
            # a: completed, two usage events (summed), one repeated (deduplicated by seq)
            started("a", "alice", "m1"),
            ev("a", 1, "TEXT_DELTA", text="Hello"),
            ev("a", 2, "REASONING_DELTA", text="hmm"),
            ev("a", 3, "TEXT_DELTA", text=", world"),
            usage("a", 4, 100, 40, 0.01, reasoning=10, cached=60),
            usage("a", 4, 100, 40, 0.01, reasoning=10, cached=60),
            usage("a", 5, 5, 2, 0.02),
            ev("a", 6, "COMPLETED", completed={"finishReason": "stop", "generationId": "g"}),
            # b: interleaved with c on the same partition; failed after usage
            started("b", "bob", "m2"),
            started("c", "alice", "m1"),
            usage("b", 1, 7, 3, 0.1),
            ev("c", 1, "TEXT_DELTA", text="x"),
            ev("b", 2, "FAILED", failed={"reason": "TIMEOUT", "message": "slow", "code": None,
                                         "httpStatus": None}),
            # c: still running at the end of the range
            # d: started before --from: partial, all its events skipped
            ev("d", 7, "TEXT_DELTA", text="late"),
            usage("d", 8, 1000, 1000, 9.0),
            ev("d", 9, "COMPLETED", completed={"finishReason": "stop", "generationId": None}),
            # e: no model, aborted; a second terminal event does not change the outcome
            started("e", "bob", None),
            ev("e", 1, "UNKNOWN"),
            ev("e", 2, "ABORTED", aborted={"reason": "user"}),
            ev("e", 3, "FAILED", failed={"reason": "INTERRUPTED", "message": "", "code": None, "httpStatus": None}),
        ])
        folder.skip("tombstone")
        folder.skip("unknown-fingerprint")
        folder.skip("unknown-fingerprint")

        summary = folder.summary()
        zero = {"jobs": 0, "completed": 0, "failed": 0, "aborted": 0, "running": 0, "input_tokens": 0,
                "output_tokens": 0, "reasoning_tokens": 0, "cached_tokens": 0, "cost": 0.0}
        self.assertEqual(summary["models"], {
            "(unknown)": dict(zero, jobs=1, aborted=1),
            "m1": dict(zero, jobs=2, completed=1, running=1, input_tokens=105, output_tokens=42,
                       reasoning_tokens=10, cached_tokens=60, cost=0.03),
            "m2": dict(zero, jobs=1, failed=1, input_tokens=7, output_tokens=3, cost=0.1),
        })
        self.assertEqual(summary["users"], {
            "alice": dict(zero, jobs=2, completed=1, running=1, input_tokens=105, output_tokens=42,
                          reasoning_tokens=10, cached_tokens=60, cost=0.03),
            "bob": dict(zero, jobs=2, failed=1, aborted=1, input_tokens=7, output_tokens=3, cost=0.1),
        })
        self.assertEqual(summary["jobs"], 4)
        self.assertEqual(summary["skipped_records"], 3)
        self.assertEqual(summary["skip_reasons"], {"tombstone": 1, "unknown-fingerprint": 2})
        self.assertEqual(summary["partial_jobs"], 1)
        self.assertEqual(summary["partial_events"], 3)
        self.assertEqual(summary["duplicate_events"], 1)
        self.assertEqual(summary["unknown_events"], 1)
        json.dumps(summary)  # serialisable as it is

        a = folder.jobs["a"]
        self.assertEqual((a.text_chars, a.reasoning_chars, a.outcome, a.usage_events), (12, 3, "COMPLETED", 2))
        self.assertEqual(folder.jobs["b"].failure_reason, "TIMEOUT")
        self.assertEqual(folder.jobs["e"].outcome, "ABORTED")
        self.assertIsNone(folder.jobs["c"].outcome)

    def test_per_job(self):
        folder = self.fold([started("a", "alice", "m1"), ev("a", 1, "TEXT_DELTA", text="hi"),
                            usage("a", 2, 3, 4, 0.5, reasoning=1, cached=2), ev("a", 3, "COMPLETED")])
        (job,) = folder.summary(per_job=True)["per_job"]
        self.assertEqual(job, {
            "job_id": "a", "user_id": "alice", "model": "m1", "started_at": "2026-12-07T10:00:00+00:00",
            "outcome": "COMPLETED", "failure_reason": None, "events": 4, "text_chars": 2,
            "reasoning_chars": 0, "input_tokens": 3, "output_tokens": 4, "reasoning_tokens": 1,
            "cached_tokens": 2, "cost": 0.5})
        self.assertNotIn("per_job", folder.summary())

    def test_a_started_after_other_events_of_the_job_stays_partial(self):
        folder = self.fold([ev("a", 3, "TEXT_DELTA", text="x"), started("a", "alice", "m1"),
                            usage("a", 4, 1, 1, 1.0)])
        summary = folder.summary()
        self.assertEqual((summary["jobs"], summary["partial_jobs"], summary["partial_events"]), (0, 1, 3))

    def test_empty(self):
        summary = JobFolder().summary()
        self.assertEqual((summary["models"], summary["users"], summary["jobs"], summary["skipped_records"]),
                         ({}, {}, 0, 0))


if __name__ == "__main__":
    unittest.main()
