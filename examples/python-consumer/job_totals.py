"""Folds decoded JobEvents into jobs, and jobs into token totals per model and per user.

Input is what ``tributary_avro.SingleObjectDecoder.decode`` returns: a dict per event in the
newest JobEvent shape (``type`` is the enum symbol as a string, ``timestamp`` a datetime).
Needs nothing beyond the standard library.

Rules:
- A job counts only if its STARTED event is among the events folded. Events of a job whose
  STARTED was not seen first (it started before the range) make it *partial*: skipped, counted.
- Events are deduplicated per job by ``seq`` (dense per job, 0 = STARTED).
- Usage is summed over the job's USAGE events. Prompt and completion tokens and cost come from
  the Usage record's fields, falling back to the same figures in the verbatim usage JSON;
  reasoning tokens come from ``completion_tokens_details.reasoning_tokens`` and cached tokens
  from ``prompt_tokens_details.cached_tokens`` in that JSON.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Dict, Mapping, Optional, Set

TERMINAL = ("COMPLETED", "FAILED", "ABORTED")
UNKNOWN_MODEL = "(unknown)"


@dataclass
class Job:
    job_id: str
    user_id: str
    model: str
    started_at: Any = None
    text_chars: int = 0
    reasoning_chars: int = 0
    tool_call_deltas: int = 0
    images: int = 0
    outcome: Optional[str] = None  # COMPLETED, FAILED, ABORTED; None while running
    failure_reason: Optional[str] = None
    prompt_tokens: int = 0
    completion_tokens: int = 0
    reasoning_tokens: int = 0
    cached_tokens: int = 0
    cost: float = 0.0
    usage_events: int = 0
    events: int = 0
    seqs: Set[int] = field(default_factory=set, repr=False)

    def as_dict(self) -> dict:
        return {
            "job_id": self.job_id,
            "user_id": self.user_id,
            "model": self.model,
            "started_at": self.started_at.isoformat() if hasattr(self.started_at, "isoformat") else self.started_at,
            "outcome": self.outcome or "RUNNING",
            "failure_reason": self.failure_reason,
            "events": self.events,
            "text_chars": self.text_chars,
            "reasoning_chars": self.reasoning_chars,
            "input_tokens": self.prompt_tokens,
            "output_tokens": self.completion_tokens,
            "reasoning_tokens": self.reasoning_tokens,
            "cached_tokens": self.cached_tokens,
            "cost": self.cost,
        }


def _int(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def _number(value: Any) -> float:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else 0.0


def _path(obj: Any, *keys: str) -> Any:
    for key in keys:
        if not isinstance(obj, dict):
            return None
        obj = obj.get(key)
    return obj


def usage_figures(usage: Mapping[str, Any]) -> Dict[str, Any]:
    """Token counts and cost of one Usage record (missing figures are 0)."""
    details: Any = None
    if usage.get("json"):
        try:
            details = json.loads(usage["json"])
        except (TypeError, ValueError):
            details = None

    def pick(field_value: Any, *json_path: str) -> Any:
        return field_value if field_value is not None else _path(details, *json_path)

    return {
        "prompt_tokens": _int(pick(usage.get("promptTokens"), "prompt_tokens")),
        "completion_tokens": _int(pick(usage.get("completionTokens"), "completion_tokens")),
        "reasoning_tokens": _int(_path(details, "completion_tokens_details", "reasoning_tokens")),
        "cached_tokens": _int(_path(details, "prompt_tokens_details", "cached_tokens")),
        "cost": _number(pick(usage.get("cost"), "cost")),
    }


def _empty_totals() -> dict:
    return {
        "jobs": 0, "completed": 0, "failed": 0, "aborted": 0, "running": 0,
        "input_tokens": 0, "output_tokens": 0, "reasoning_tokens": 0, "cached_tokens": 0,
        "cost": 0.0,
    }


class JobFolder:
    """Rebuilds jobs from their events, in the order a partition holds them."""

    def __init__(self) -> None:
        self.jobs: Dict[str, Job] = {}
        self.partial_jobs: Set[str] = set()
        self.partial_events = 0
        self.duplicate_events = 0
        self.unknown_events = 0
        self.skipped_records = 0
        self.skip_reasons: Dict[str, int] = {}

    def skip(self, reason: str) -> None:
        """Counts a record that did not decode (tombstone, unknown fingerprint, ...)."""
        self.skipped_records += 1
        self.skip_reasons[reason] = self.skip_reasons.get(reason, 0) + 1

    def add(self, event: Mapping[str, Any]) -> None:
        job_id = event.get("jobId")
        event_type = event.get("type")
        seq = event.get("seq")
        job = self.jobs.get(job_id)
        if job is None:
            if job_id in self.partial_jobs or event_type != "STARTED" or not event.get("started"):
                self.partial_jobs.add(job_id)
                self.partial_events += 1
                return
            started = event["started"]
            job = Job(job_id=job_id, user_id=started.get("userId") or "",
                      model=started.get("model") or UNKNOWN_MODEL, started_at=event.get("timestamp"))
            self.jobs[job_id] = job
        elif seq in job.seqs:
            self.duplicate_events += 1
            return
        job.seqs.add(seq)
        job.events += 1

        if event_type == "STARTED":
            return  # a second STARTED under a new seq carries nothing to add
        if event_type == "TEXT_DELTA":
            job.text_chars += len(event.get("text") or "")
        elif event_type == "REASONING_DELTA":
            job.reasoning_chars += len(event.get("text") or "")
        elif event_type == "TOOL_CALL_DELTA":
            job.tool_call_deltas += 1
        elif event_type == "IMAGE":
            job.images += 1
        elif event_type == "USAGE":
            if event.get("usage"):
                figures = usage_figures(event["usage"])
                job.usage_events += 1
                job.prompt_tokens += figures["prompt_tokens"]
                job.completion_tokens += figures["completion_tokens"]
                job.reasoning_tokens += figures["reasoning_tokens"]
                job.cached_tokens += figures["cached_tokens"]
                job.cost += figures["cost"]
        elif event_type in TERMINAL:
            if job.outcome is None:
                job.outcome = event_type
                if event_type == "FAILED" and event.get("failed"):
                    job.failure_reason = event["failed"].get("reason")
        else:
            self.unknown_events += 1  # UNKNOWN: a symbol newer than the newest released schema

    def summary(self, per_job: bool = False) -> dict:
        models: Dict[str, dict] = {}
        users: Dict[str, dict] = {}
        for job in self.jobs.values():
            for table, key in ((models, job.model), (users, job.user_id)):
                totals = table.setdefault(key, _empty_totals())
                totals["jobs"] += 1
                totals[(job.outcome or "RUNNING").lower()] += 1
                totals["input_tokens"] += job.prompt_tokens
                totals["output_tokens"] += job.completion_tokens
                totals["reasoning_tokens"] += job.reasoning_tokens
                totals["cached_tokens"] += job.cached_tokens
                totals["cost"] += job.cost
        for totals in list(models.values()) + list(users.values()):
            totals["cost"] = round(totals["cost"], 10)  # no 0.30000000000000004 in the output
        result = {
            "models": dict(sorted(models.items())),
            "users": dict(sorted(users.items())),
            "jobs": len(self.jobs),
            "skipped_records": self.skipped_records,
            "skip_reasons": dict(sorted(self.skip_reasons.items())),
            "partial_jobs": len(self.partial_jobs),
            "partial_events": self.partial_events,
            "duplicate_events": self.duplicate_events,
            "unknown_events": self.unknown_events,
        }
        if per_job:
            result["per_job"] = [job.as_dict() for job in self.jobs.values()]
        return result
