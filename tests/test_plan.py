"""Index, outreach plan and calendar: cadences, dates, ordering by hook strength, RFC 5545."""

from __future__ import annotations

from datetime import date, datetime, timezone

import pytest

from dossier.batch.plan import (
    Cadence,
    Entry,
    entry_from,
    index_markdown,
    outreach_order,
    parse_cadence,
    plan_calendar,
    plan_markdown,
    schedule,
)

MONDAY = date(2027, 1, 4)


@pytest.mark.parametrize(("text", "expected"), [
    ("monthly", Cadence(1, 1, "month")),
    ("Weekly", Cadence(1, 1, "week")),
    ("biweekly", Cadence(1, 2, "week")),
    ("quarterly", Cadence(1, 3, "month")),
    ("2/month", Cadence(2, 1, "month")),
    ("3 per week", Cadence(3, 1, "week")),
    ("every 10 days", Cadence(1, 10, "day")),
    ("every month", Cadence(1, 1, "month")),
])
def test_cadences_people_type(text: str, expected: Cadence) -> None:
    assert parse_cadence(text) == expected


@pytest.mark.parametrize("text", ["sometimes", "0/month", "99/week", "every 0 days", ""])
def test_nonsense_cadences_are_refused(text: str) -> None:
    with pytest.raises(ValueError, match="expected a cadence such as"):
        parse_cadence(text)


def test_monthly_keeps_the_day_and_clamps_short_months() -> None:
    dates = schedule(4, parse_cadence("monthly"), date(2027, 1, 29))
    # Jan 29 (Fri), Feb 28 is a Sunday -> Mon Mar 1, Mar 29 (Mon), Apr 29 (Thu)
    assert dates == [date(2027, 1, 29), date(2027, 3, 1), date(2027, 3, 29), date(2027, 4, 29)]


def test_several_per_period_are_spread_through_it_on_weekdays() -> None:
    assert schedule(4, parse_cadence("2/month"), MONDAY) == [
        date(2027, 1, 4), date(2027, 1, 19), date(2027, 2, 4), date(2027, 2, 18)]
    assert all(d.weekday() < 5 for d in schedule(20, parse_cadence("every 3 days"), MONDAY))


def _data(score: float | None, role: str = "CEO", org: str = "Acme") -> dict:
    hooks = [] if score is None else [{"priority": "public speaking", "fact_id": "f1",
                                       "score": score, "opener": "How did you learn to speak?"}]
    return {"facts": [{"id": "f1", "category": "role", "title": role, "org": org,
                       "current": True, "start": 2020, "confidence": 0.9}],
            "hooks": hooks, "sources": [{"url": "u", "status": "ok"}],
            "generated_at": "2026-11-22T00:00:00+00:00"}


def test_outreach_goes_strongest_hook_first_and_skips_targets_without_a_dossier() -> None:
    entries = [entry_from("b", "Bea", _data(0.4)), entry_from("a", "Al", _data(0.9)),
               entry_from("c", "Cy", None, error="none of 2 sources could be read"),
               entry_from("d", "Di", _data(None))]
    assert [e.stem for e in outreach_order(entries)] == ["a", "b", "d"]
    plan = plan_markdown(entries, parse_cadence("monthly"), MONDAY, "plan.ics")
    assert "| 1 | 2027-01-04 | [Al](a.md) | public speaking: Acme (0.90) |" in plan
    assert "| 3 | 2027-03-04 | [Di](d.md) | no hook yet" in plan
    assert "Not scheduled (no readable source yet): Cy." in plan


def test_index_lists_every_target_with_role_hook_and_link() -> None:
    entries = [entry_from("al", "Al", _data(0.9, "Chair", "Board | Co")),
               entry_from("cy", "Cy", None, error="none of 2 sources could be read")]
    index = index_markdown(entries, "job")
    assert "| [Al](al.md) | Chair, Board \\| Co | public speaking: Board \\| Co (0.90) | 1/1 |" \
        in index
    assert "| Cy | — | ⚠ none of 2 sources could be read | — |" in index


def test_calendar_is_valid_icalendar() -> None:
    long_name = "Zoë Ångström-Østergaard, Jr.; the " + "very " * 30 + "long name"
    entries = [entry_from("z", long_name, _data(0.5)), entry_from("a", "Al", _data(0.9))]
    ics = plan_calendar(entries, parse_cadence("weekly"), MONDAY,
                        now=datetime(2026, 11, 22, 5, 0, tzinfo=timezone.utc))
    assert ics.endswith("\r\n") and "\n" not in ics.replace("\r\n", "")
    raw_lines = ics.split("\r\n")[:-1]
    assert all(len(line.encode("utf-8")) <= 75 for line in raw_lines)
    unfolded = ics.replace("\r\n ", "").split("\r\n")
    assert unfolded[0] == "BEGIN:VCALENDAR" and unfolded[-2] == "END:VCALENDAR"
    assert unfolded.count("BEGIN:VEVENT") == unfolded.count("END:VEVENT") == 2
    assert "DTSTART;VALUE=DATE:20270104" in unfolded and "DTSTART;VALUE=DATE:20270111" in unfolded
    assert "UID:a@dossier-plan" in unfolded
    summary = next(line for line in unfolded if line.startswith("SUMMARY:Reach out to Zo"))
    assert summary == "SUMMARY:Reach out to " + long_name.replace(",", "\\,").replace(";", "\\;")


def test_an_entry_without_a_dossier_is_marked() -> None:
    entry = entry_from("x", "X", None, error="boom")
    assert entry == Entry(stem="x", name="X", error="boom")


def test_an_entry_whose_json_is_not_a_dossier_says_so() -> None:
    entry = entry_from("x", "X", {"sources": [{"url": "u", "shade": "blue"}]})
    assert not entry.has_dossier and entry.role is None and entry.hook is None
    assert entry.error is not None and "its JSON cannot be read" in entry.error
    assert "| X | — | ⚠ its JSON cannot be read" in index_markdown([entry], "job")
