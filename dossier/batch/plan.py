"""Index and outreach plan of a batch: index.md, plan.md and plan.ics from the dossiers' JSON."""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from typing import Any, Literal

from ..models import Dossier, Hook
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
    """One target as the index and plan show it: its dossier (None before its first build)
    and the error of its last run, if any."""

    stem: str
    name: str
    dossier: Dossier | None = None
    error: str | None = None

    @property
    def has_dossier(self) -> bool:
        return self.dossier is not None

    @property
    def role(self) -> str | None:
        """The current role as "title, org" (the one the dossier shows as "Now")."""
        role = self.dossier.current_role() if self.dossier else None
        return ", ".join(str(role.get(k)) for k in ("title", "org") if role.get(k)) \
            if role else None

    @property
    def best_hook(self) -> Hook | None:
        return self.dossier.best_hook() if self.dossier else None

    @property
    def hook(self) -> str | None:
        """The best hook as a short label: its priority and what the fact is about."""
        hook = self.best_hook
        if hook is None or self.dossier is None:
            return None
        fact = self.dossier.fact(hook.fact_id)
        about = next((str(fact.get(k)) for k in ("org", "name", "title", "institution",
                                                  "relation") if fact and fact.get(k)), "")
        return f"{hook.priority}: {about}" if about else hook.priority

    @property
    def score(self) -> float | None:
        return self.best_hook.score if self.best_hook else None

    @property
    def opener(self) -> str | None:
        return self.best_hook.opener if self.best_hook else None

    @property
    def sources_ok(self) -> int:
        return self.dossier.sources_ok if self.dossier else 0

    @property
    def sources_failed(self) -> int:
        return sum(1 for s in self.dossier.sources if s.status == "error") if self.dossier else 0


def entry_from(stem: str, name: str, dossier: Dossier | dict[str, Any] | None,
               error: str | None = None) -> Entry:
    """The Entry of a target from its dossier, or the dict of its JSON file (None when it
    has no dossier yet)."""
    if isinstance(dossier, dict):
        try:
            dossier = Dossier.from_dict(dossier)
        except ValueError as exc:  # a file edited by hand or by another version
            return Entry(stem=stem, name=name, error=error or f"its JSON cannot be read ({exc})")
    return Entry(stem=stem, name=name, dossier=dossier, error=error)


def outreach_order(entries: Sequence[Entry]) -> list[Entry]:
    """Targets worth a message, strongest hook first; ties by name for a stable plan."""
    ready = [e for e in entries if e.sources_ok]
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
        d = e.dossier
        sources = f"{d.sources_ok}/{len(d.sources)}" if d else "—"
        lines.append(f"| {name} | {escape(e.role or '—')} | {hook} | {sources} | "
                     f"{len(d.facts) if d else '—'} | {escape(d.generated_at if d else '—')} |")
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
