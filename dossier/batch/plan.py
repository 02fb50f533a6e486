"""Index and outreach plan of a batch: index.md, plan.md and plan.ics from the dossiers' JSON."""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Any, Literal

from ..render import escape

Unit = Literal["day", "week", "month"]

# Named cadences a user is likely to type; anything else goes through CADENCE_FORMS.
NAMED_CADENCES: dict[str, tuple[int, int, Unit]] = {
    "daily": (1, 1, "day"),
    "weekly": (1, 1, "week"),
    "biweekly": (1, 2, "week"),
    "fortnightly": (1, 2, "week"),
    "monthly": (1, 1, "month"),
    "bimonthly": (1, 2, "month"),
    "quarterly": (1, 3, "month"),
}
CADENCE_FORMS = (
    re.compile(r"^(?P<count>\d+)\s*(?:/|per|a|an|every)\s*(?P<unit>day|week|month)s?$"),
    re.compile(r"^every\s+(?P<every>\d+)?\s*(?P<unit>day|week|month)s?$"),
)
CADENCE_HELP = ("a cadence such as 'monthly', 'weekly', 'biweekly', 'quarterly', '2/month' "
                "or 'every 10 days'")
# More contacts than this per period is a mass mailing, not networking.
MAX_PER_PERIOD = 31
SATURDAY = 5
# RFC 5545: content lines are folded at 75 octets, and end with CRLF.
ICS_LINE_OCTETS = 75
ICS_TEXT_SPECIAL = re.compile(r"([\\;,])")


@dataclass(frozen=True, slots=True)
class Cadence:
    """`count` new contacts every `every` units (days, weeks or months)."""

    count: int
    every: int
    unit: Unit

    def describe(self) -> str:
        period = self.unit if self.every == 1 else f"{self.every} {self.unit}s"
        contacts = "one new contact" if self.count == 1 else f"{self.count} new contacts"
        return f"{contacts} every {period}" if self.every > 1 else f"{contacts} a {period}"


def parse_cadence(text: str) -> Cadence:
    """A Cadence from text like 'monthly' or '2/month'; ValueError names the accepted forms."""
    value = " ".join(str(text).lower().split())
    if value in NAMED_CADENCES:
        return Cadence(*NAMED_CADENCES[value])
    for form in CADENCE_FORMS:
        match = form.match(value)
        if match:
            parts = match.groupdict()
            cadence = Cadence(int(parts.get("count") or 1), int(parts.get("every") or 1),
                              parts["unit"])  # type: ignore[arg-type]
            if 1 <= cadence.count <= MAX_PER_PERIOD and cadence.every >= 1:
                return cadence
    raise ValueError(f"expected {CADENCE_HELP}, not {text!r}")


def add_months(day: date, months: int) -> date:
    """The same day of the month `months` later, clamped to the month's last day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return day.replace(year=year, month=month, day=min(day.day, last))


def _period_start(start: date, cadence: Cadence, period: int) -> date:
    steps = period * cadence.every
    if cadence.unit == "month":
        return add_months(start, steps)
    return start + timedelta(days=steps * (7 if cadence.unit == "week" else 1))


def _weekday(day: date) -> date:
    """Outreach lands on a working day: Saturday and Sunday move to the Monday after."""
    return day + timedelta(days=7 - day.weekday()) if day.weekday() >= SATURDAY else day


def schedule(count: int, cadence: Cadence, start: date) -> list[date]:
    """Dates for `count` contacts: each period's contacts spread evenly through it."""
    dates = []
    for i in range(count):
        period, slot = divmod(i, cadence.count)
        begin = _period_start(start, cadence, period)
        length = (_period_start(start, cadence, period + 1) - begin).days
        dates.append(_weekday(begin + timedelta(days=slot * length // cadence.count)))
    return dates


# ---------------------------------------------------------------- entries


@dataclass(frozen=True, slots=True)
class Entry:
    """One target as the index and plan show it, read from its dossier JSON (or its absence)."""

    stem: str
    name: str
    role: str | None = None
    hook: str | None = None
    opener: str | None = None
    score: float | None = None
    sources_ok: int = 0
    sources_failed: int = 0
    sources: int = 0
    facts: int = 0
    updated: str | None = None
    has_dossier: bool = False
    error: str | None = None


def current_role(data: dict[str, Any]) -> dict[str, Any] | None:
    """The role fact the dossier shows as "Now" (the same choice render makes)."""
    roles = [f for f in data.get("facts", []) if f.get("category") == "role"]
    current = [r for r in roles if r.get("current")]
    pool = current or [r for r in roles if r.get("end") is None and r.get("start")]
    return max(pool, key=lambda r: (r.get("start") or 0, r.get("confidence") or 0), default=None)


def best_hook(data: dict[str, Any]) -> dict[str, Any] | None:
    """The strongest hook over all priorities; ties go to the earlier priority."""
    return max(data.get("hooks", []), key=lambda h: h.get("score") or 0.0, default=None)


def hook_label(data: dict[str, Any], hook: dict[str, Any]) -> str:
    """A short label for a hook: its priority and what the fact is about."""
    fact: dict[str, Any] = next(
        (f for f in data.get("facts", []) if f.get("id") == hook.get("fact_id")), {})
    about = next((str(fact[k]) for k in ("org", "name", "title", "institution", "relation")
                  if fact.get(k)), "")
    return f"{hook.get('priority')}: {about}" if about else str(hook.get("priority"))


def entry_from(stem: str, name: str, data: dict[str, Any] | None,
               error: str | None = None) -> Entry:
    """The Entry of a target from its dossier dict (None when it has no dossier yet)."""
    if data is None:
        return Entry(stem=stem, name=name, error=error)
    role = current_role(data)
    hook = best_hook(data)
    sources = data.get("sources", [])
    return Entry(
        stem=stem, name=name,
        role=", ".join(str(role[k]) for k in ("title", "org") if role.get(k)) if role else None,
        hook=hook_label(data, hook) if hook else None,
        opener=hook.get("opener") if hook else None,
        score=hook.get("score") if hook else None,
        sources_ok=sum(1 for s in sources if s.get("status") == "ok"),
        sources_failed=sum(1 for s in sources if s.get("status") == "error"),
        sources=len(sources),
        facts=len(data.get("facts", [])), updated=data.get("generated_at"),
        has_dossier=True, error=error,
    )


def outreach_order(entries: Sequence[Entry]) -> list[Entry]:
    """Targets worth a message, strongest hook first; ties by name for a stable plan."""
    ready = [e for e in entries if e.has_dossier and e.sources_ok]
    return sorted(ready, key=lambda e: (-(e.score or 0.0), e.name.casefold(), e.stem))


# ---------------------------------------------------------------- Markdown


def index_markdown(entries: Sequence[Entry], job_name: str) -> str:
    lines = [f"# Dossiers: {escape(job_name)}", "",
             f"{len(entries)} targets; the best hook is the strongest over all priorities.", "",
             "| Target | Current role | Best hook | Sources | Facts | Updated |",
             "|---|---|---|---|---|---|"]
    for e in entries:
        name = f"[{escape(e.name)}]({e.stem}.md)" if e.has_dossier else escape(e.name)
        hook = f"{escape(e.hook)} ({e.score:.2f})" if e.hook and e.score is not None else "—"
        if e.error:
            hook = f"⚠ {escape(e.error)}" if hook == "—" else f"{hook}; ⚠ {escape(e.error)}"
        sources = f"{e.sources_ok}/{e.sources}" if e.has_dossier else "—"
        lines.append(f"| {name} | {escape(e.role or '—')} | {hook} | {sources} | "
                     f"{e.facts if e.has_dossier else '—'} | {escape(e.updated or '—')} |")
    return "\n".join(lines) + "\n"


def plan_markdown(entries: Sequence[Entry], cadence: Cadence, start: date,
                  calendar_name: str) -> str:
    ordered = outreach_order(entries)
    dates = schedule(len(ordered), cadence, start)
    lines = ["# Outreach plan", "",
             f"Cadence: {cadence.describe()}, strongest hook first, from {start.isoformat()}. "
             f"Change it with `--cadence` (e.g. `2/month`, `weekly`) and `--start YYYY-MM-DD`, "
             f"or `plan: {{cadence: ..., start: ...}}` in the job. Calendar: "
             f"[{calendar_name}]({calendar_name}).", "",
             "| # | Date | Target | Why them | Opener |", "|---|---|---|---|---|"]
    for n, (day, e) in enumerate(zip(dates, ordered, strict=True), 1):
        why = f"{escape(e.hook)} ({e.score:.2f})" if e.hook else "no hook yet: read the dossier"
        lines.append(f"| {n} | {day.isoformat()} | [{escape(e.name)}]({e.stem}.md) | {why} | "
                     f"{escape(e.opener or '—')} |")
    left_out = [e for e in entries if e not in ordered]
    if left_out:
        lines += ["", "Not scheduled (no readable source yet): "
                  + ", ".join(escape(e.name) for e in left_out) + "."]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- iCalendar


def _ics_text(value: str) -> str:
    return ICS_TEXT_SPECIAL.sub(r"\\\1", value).replace("\r\n", "\\n").replace("\n", "\\n")


def _fold(line: str) -> str:
    """Fold one content line at 75 octets without splitting a UTF-8 character."""
    out: list[str] = []
    current, size = "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        limit = ICS_LINE_OCTETS if not out else ICS_LINE_OCTETS - 1  # a continuation has a space
        if size + width > limit:
            out.append(current)
            current, size = "", 0
        current += char
        size += width
    out.append(current)
    return "\r\n ".join(out)


def plan_calendar(entries: Sequence[Entry], cadence: Cadence, start: date,
                  now: datetime | None = None) -> str:
    """An iCalendar (RFC 5545) file with one all-day event per scheduled contact."""
    ordered = outreach_order(entries)
    stamp = (now or datetime.now(timezone.utc)).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//dossier//outreach plan//EN",
             "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
    for day, e in zip(schedule(len(ordered), cadence, start), ordered, strict=True):
        detail = [f"Hook: {e.hook} ({e.score:.2f})" if e.hook else "No hook yet.",
                  f"Opener: {e.opener}" if e.opener else "", f"Dossier: {e.stem}.md"]
        lines += ["BEGIN:VEVENT", f"UID:{e.stem}@dossier-plan", f"DTSTAMP:{stamp}",
                  f"DTSTART;VALUE=DATE:{day.strftime('%Y%m%d')}",
                  f"DTEND;VALUE=DATE:{(day + timedelta(days=1)).strftime('%Y%m%d')}",
                  f"SUMMARY:{_ics_text(f'Reach out to {e.name}')}",
                  f"DESCRIPTION:{_ics_text(chr(10).join(d for d in detail if d))}",
                  "TRANSP:TRANSPARENT", "END:VEVENT"]
    lines.append("END:VCALENDAR")
    return "".join(_fold(line) + "\r\n" for line in lines)
