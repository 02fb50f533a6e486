"""Render stage: Dossier -> Markdown for people and JSON for machines, written atomically."""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterable
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import DossierError, UsageError
from ..models import Dossier, Evidence, Fact, Hook

MAX_QUOTE = 300
# Characters that make markup anywhere in a line: escapes, code, emphasis, links, tables,
# strikethrough. Parentheses, "!", "#", "+" and "&" mean nothing once these are escaped, so
# they stay as written and the Markdown reads well unrendered.
MD_SPECIAL = re.compile(r"([\\`*_\[\]|~])")
# What makes a block at the start of a line: a heading, a list item, a quote, a rule.
LINE_START = re.compile(r"^(?:([#+\-=])|(\d{1,9})([.)]))")
# An "&" that would start an entity (&amp; &#60; &#x3c;); any other "&" is plain text.
ENTITY_START = re.compile(r"&(?=#\d+;|#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)")


# Latin letters that Unicode does not decompose into an ASCII letter and an accent.
LATIN_LETTERS = str.maketrans({
    "ß": "ss", "ẞ": "SS", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "œ": "oe", "Œ": "OE",
    "ł": "l", "Ł": "L", "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "þ": "th", "Þ": "Th", "ı": "i"})
MAX_SLUG = 80
# Hex digits of the name's digest added when letters had no ASCII form ("王小明"): eight keep
# a thousand names apart with a collision chance under one in eight million.
SLUG_DIGEST = 8
# Control characters and bidirectional overrides: invisible, and able to hide or reorder text.
INVISIBLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def slugify(name: str) -> str:
    """Lower-case ASCII words joined by hyphens; never empty, never a path. A name with
    letters that have no ASCII form also gets a digest of the name, so "王小明" and
    "Мария Окафор" do not both become target.md."""
    text = unicodedata.normalize("NFKD", name.translate(LATIN_LETTERS))
    ascii_text = text.encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:MAX_SLUG].strip("-")
    if not any(not c.isascii() and unicodedata.category(c)[0] in "LN" for c in text):
        return slug or "target"
    digest = hashlib.sha256(" ".join(name.split()).encode("utf-8")).hexdigest()[:SLUG_DIGEST]
    stem = slug[:MAX_SLUG - SLUG_DIGEST - 1].strip("-") or "target"
    return f"{stem}-{digest}"


def escape(text: object) -> str:
    """Scraped text made inert in Markdown: no HTML, links, emphasis, tables or invisible
    control characters."""
    value = INVISIBLE.sub("", " ".join(str(text).split()))
    value = ENTITY_START.sub("&amp;", value).replace("<", "&lt;").replace(">", "&gt;")
    value = MD_SPECIAL.sub(r"\\\1", value)
    return LINE_START.sub(lambda m: f"\\{m[1]}" if m[1] else f"{m[2]}\\{m[3]}", value)


def quote(text: str) -> str:
    text = " ".join(text.split())
    return escape(text if len(text) <= MAX_QUOTE else text[: MAX_QUOTE - 1] + "…")


def safe_url(url: str) -> str:
    """A URL fit for a Markdown link target, or '' when it is not http(s) or file."""
    if not re.match(r"^(https?|file)://", url):
        return ""
    return url.replace("(", "%28").replace(")", "%29").replace(" ", "%20").replace("<", "%3C")\
        .replace(">", "%3E")


def link(url: str, label: str = "source") -> str:
    target = safe_url(url)
    return f"[{escape(label)}]({target})" if target else escape(url)


def write_atomic(path: Path, text: str) -> None:
    """Write via a temp file and rename, so a crash never leaves half a dossier."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; a dossier is an ordinary file
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def prepare_folder(path: Path) -> Path:
    """The output folder, created if needed and proven writable (a file made and removed
    in it), so a bad --out fails before any page is fetched."""
    if path.exists() and not path.is_dir():
        raise UsageError(f"{path}: not a folder; give --out a folder for the dossiers")
    try:
        path.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(dir=path, prefix=".dossier-probe-", suffix=".tmp")
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise DossierError(f"{path}: cannot write in the output folder "
                           f"({exc.strerror or exc})") from exc
    return path


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write(dossier: Dossier, out_dir: Path, slug: str | None = None,
          explain: bool = False) -> tuple[Path, Path]:
    """Write <slug>.json then <slug>.md into out_dir; return both paths."""
    slug = slugify(slug or dossier.target.name)
    json_path, md_path = out_dir / f"{slug}.json", out_dir / f"{slug}.md"
    write_atomic(json_path, to_json(dossier))
    write_atomic(md_path, to_markdown(dossier, explain=explain))
    return json_path, md_path


def to_json(dossier: Dossier) -> str:
    return json.dumps(dossier.to_dict(), indent=2, ensure_ascii=False) + "\n"


# ---------------------------------------------------------------- Markdown


def to_markdown(dossier: Dossier, explain: bool = False) -> str:
    sections = [
        _header(dossier),
        _hooks(dossier, explain),
        _offers(dossier),
        _shared_activities(dossier),
        _career(dossier),
        _simple(dossier, "board", "Boards", ("org", "kind", "position")),
        _simple(dossier, "education", "Education", ("institution", "degree", "field", "year")),
        _simple(dossier, "association", "Associations", ("org", "position")),
        _simple(dossier, "cause", "Causes and charities", ("name", "involvement")),
        _simple(dossier, "activity", "Activities and sports", ("name", "detail")),
        _simple(dossier, "work", "Books, podcasts and talks", ("title", "kind")),
        _family(dossier),
        _changes(dossier),
        _sources(dossier),
        _errors(dossier),
    ]
    return "\n\n".join(s for s in sections if s).rstrip() + "\n"


def _facts(dossier: Dossier, category: str) -> list[Fact]:
    return [f for f in dossier.facts if f.category == category]


def _header(dossier: Dossier) -> str:
    lines = [f"# {escape(dossier.target.name)}"]
    role = dossier.current_role()
    if role:
        stale = " (possibly stale: stated in an older page)" if role.stale else ""
        since = f", since {role.get('start')}" if role.get("start") else ""
        lines.append(f"**Now:** {escape(role.get('title') or '?')}, "
                     f"{escape(role.get('org') or '?')}{since}{stale}")
    if dossier.target.aliases:
        lines.append(f"**Also written as:** {', '.join(escape(a) for a in dossier.target.aliases)}")
    ok = dossier.sources_ok
    lines.append(f"_{len(dossier.facts)} facts from {ok} of {len(dossier.sources)} sources · "
                 f"generated {escape(dossier.generated_at)}_")
    # the time budget ran out (an error of no page): the facts above are not all there are
    lines += [f"**Incomplete:** {escape(e.message)}" for e in dossier.errors if not e.url]
    return "\n\n".join(lines)


def _hooks(dossier: Dossier, explain: bool) -> str:
    if not dossier.priorities:
        return ("## Hooks\n\nNo learning priorities given (use `--priority` or a profile), "
                "so no hooks.")
    out = ["## Hooks: connect their past to your future",
           "For each thing you want to learn, the parts of their story that tie to it, why, "
           "and a first line to open with."]
    for priority in dossier.priorities:
        hooks = sorted((h for h in dossier.hooks if h.priority == priority),
                       key=lambda h: -h.score)
        out.append(f"### {escape(priority)}")
        if not hooks:
            out.append("Nothing on the pages ties to this priority; ask them about it directly, "
                       "or add a page that covers it.")
            continue
        out += [_hook_item(dossier, n, hook, explain) for n, hook in enumerate(hooks, 1)]
        out.append(f"**Next step:** {_next_step(dossier, hooks[0])}")
    return "\n\n".join(out)


def _hook_item(dossier: Dossier, n: int, hook: Hook, explain: bool) -> str:
    fact = dossier.fact(hook.fact_id)
    lines = [f"{n}. {escape(hook.rationale)} _(score {hook.score:.2f})_",
             f"   - Opener: {escape(hook.opener)}"]
    ev = _best_evidence(fact, hook.url) if fact else None
    if ev:
        lines.append(f"   - Evidence: “{quote(ev.quote)}” ({link(ev.url)})")
    if explain and hook.components:
        parts = " · ".join(f"{k.replace('_', ' ')} {v:.2f}" for k, v in hook.components.items())
        lines.append(f"   - Score parts: {escape(parts)}")
    return "\n".join(lines)


def _best_evidence(fact: Fact, url: str | None = None) -> Evidence | None:
    """The sentence that shows the fact best: from the hook's page, naming the fact, a full
    sentence rather than a structured-data label, and the earliest of those."""
    key = fact.key.lower()
    ranked = sorted(enumerate(fact.evidence), key=lambda item: (
        item[1].url != url, not (key and key in item[1].quote.lower()),
        not re.search(r"[.!?][\"'”’)]?\s*$", item[1].quote.strip()), item[0]))
    return ranked[0][1] if ranked else None


def _next_step(dossier: Dossier, hook: Hook) -> str:
    """One concrete thing to do before reaching out, built on the best hook's fact."""
    fact = dossier.fact(hook.fact_id)
    source = f" ({link(hook.url)})" if hook.url else ""
    if fact is None:
        return "Read the sources and note one question only they could answer."
    what, about = escape(fact.key), escape(hook.priority)
    match fact.category:
        case "work":
            verb = "Listen to" if fact.get("kind") == "podcast" else "Read"
            return (f"{verb} “{what}”{source} and note one idea about {about} it changed for "
                    "you; open your message with it.")
        case "cause" | "activity":
            return (f"Find the next {what} event or volunteer slot{source}, sign up, and say so "
                    "when you reach out.")
        case "association":
            return (f"Go to one {what} meeting or chapter event{source} before asking for time; "
                    "ask a member about their work there.")
        case "board":
            return (f"Skim {what}'s latest news or annual report{source}, then ask how that board "
                    f"work shaped their view of {about}.")
        case "education":
            return (f"Check your own ties to {what}{source} (alumni groups, programs) and mention "
                    "the shared link in one line.")
        case _:
            return (f"Read the source on their time at {what}{source} and write one question "
                    f"about {about} only they could answer; lead your message with it.")


def _offers(dossier: Dossier) -> str:
    if not dossier.offers:
        return ""
    lines = ["## What you could offer",
             "Relationships run both ways: what you could give, and the fact each answers."]
    for offer in dossier.offers:
        fact = dossier.fact(offer.fact_id) if offer.fact_id else None
        answers = f" _(answers: {escape(fact.key)} {_evidence_links(fact)})_" if fact else ""
        lines.append(f"- **{escape(offer.kind)}:** {escape(offer.text)}{answers}")
    return "\n".join(lines)


# How a reader takes part in each kind of shared activity.
JOIN_HINTS = {
    "cause": "volunteer, donate, or join their next event",
    "activity": "ask to join them, or take part in the same event",
    "association": "attend a chapter meeting or event as a guest",
}


def _shared_activities(dossier: Dossier) -> str:
    by_name: dict[str, Fact] = {}  # one per name: a council that is a cause and a group
    for fact in (f for kind in JOIN_HINTS for f in _facts(dossier, kind)):
        by_name.setdefault(fact.key.lower(), fact)
    joinable = list(by_name.values())
    if not joinable:
        return ""
    lines = ["## Shared activities you could join",
             "Doing something together connects better than a shared background."]
    for fact in joinable:
        ev = _best_evidence(fact)
        said = f" The page said: “{quote(ev.quote)}” ({link(ev.url)})" if ev else ""
        lines.append(f"- **{escape(fact.key)}** ({fact.category}; {JOIN_HINTS[fact.category]})."
                     f"{said}")
    return "\n".join(lines)


def _years(fact: Fact) -> str:
    start, end = fact.get("start"), fact.get("end")
    if start and end:
        return f"{start}–{end}"
    if start:
        return f"{start}–present" if fact.get("current") else f"{start}–"
    if end:
        return f"–{end}"
    return "now" if fact.get("current") else ""


def _career(dossier: Dossier) -> str:
    roles = sorted(_facts(dossier, "role"),
                   key=lambda r: (-(r.get("start") or r.get("end") or 0), not r.get("current")))
    if not roles:
        return "## Career\n\nNo roles found."
    rows = ["## Career", "| Years | Title | Organization | Evidence |", "|---|---|---|---|"]
    for r in roles:
        flag = " ⚠ possibly stale" if r.stale else ""
        rows.append(f"| {_years(r)}{flag} | {escape(r.get('title') or '')} | "
                    f"{escape(r.get('org') or '')} | {_evidence_links(r)} |")
    gantt = _gantt(roles)
    return "\n".join(rows) + ("\n\n" + gantt if gantt else "")


def _gantt(roles: Iterable[Fact]) -> str:
    """The dated roles as a Mermaid gantt chart (GitHub renders it); current roles are active."""
    dated = sorted((r for r in roles if isinstance(r.get("start"), int)),
                   key=lambda r: r.get("start"))
    if not dated:
        return ""
    this_year = date.today().year
    lines = ["```mermaid", "gantt", "    title Career timeline", "    dateFormat YYYY",
             "    axisFormat %Y", "    section Roles"]
    for r in dated:
        start = r.get("start")
        end = r.get("end") if isinstance(r.get("end"), int) else (
            this_year if r.get("current") else start + 1)
        tag = "active, " if r.get("current") else ""
        lines.append(f"    {_gantt_label(r)} : {tag}{start}, {max(end, start + 1)}")
    lines.append("```")
    return "\n".join(lines)


def _gantt_label(role: Fact) -> str:
    """Title at org, without the characters Mermaid reads as syntax (: ; # and line breaks)."""
    text = " at ".join(str(v) for v in (role.get("title"), role.get("org")) if v)
    return re.sub(r"\s+", " ", re.sub(r"[^\w &,.'()/-]", " ", text)).strip()[:70] or "Role"


def _evidence_links(fact: Fact) -> str:
    return " ".join(link(e.url, f"[{i}]") for i, e in enumerate(fact.evidence[:3], 1))


def _simple(dossier: Dossier, category: str, heading: str, fields: tuple[str, ...]) -> str:
    facts = _facts(dossier, category)
    if not facts:
        return ""
    lines = [f"## {heading}"]
    for f in facts:
        main = escape(f.get(fields[0]) or "?")
        extra = ", ".join(escape(f.get(k)) for k in fields[1:] if f.get(k) not in (None, ""))
        lines.append(f"- **{main}**{' — ' + extra if extra else ''} {_evidence_links(f)}")
    return "\n".join(lines)


def _family(dossier: Dossier) -> str:
    facts = _facts(dossier, "family")
    if not facts:
        return ""
    lines = ["## People they mention (handle with care)",
             "Family is private: mention it only if they bring it up first."]
    for f in facts:
        detail = f" — {escape(f.get('detail'))}" if f.get("detail") else ""
        lines.append(f"- **{escape(f.get('relation'))}**{detail} {_evidence_links(f)}")
    return "\n".join(lines)


def _changes(dossier: Dossier) -> str:
    if not dossier.changes:
        return ""
    return "## What changed since the last dossier\n\n" + "\n".join(
        f"- {escape(c)}" for c in dossier.changes)


def _sources(dossier: Dossier) -> str:
    lines = ["## Sources", "| Source | Kind | Status | Found |", "|---|---|---|---|"]
    for s in dossier.sources:
        found = "seed" if s.origin == "seed" else f"linked from {link(s.found_on or '', 'page')}"
        status = s.status if not s.error else f"{s.status}: {escape(s.error)}"
        lines.append(f"| {link(s.url, s.title or s.url)} | {s.kind} | {status} | {found} |")
    return "\n".join(lines)


# Linked pages failing for the same reason (a saved page read offline: every web link "host
# name not found") are one line from this many on; the JSON keeps each of them.
GROUPED_FAILURES = 3


def _errors(dossier: Dossier) -> str:
    if not dossier.errors:
        return ""
    lines = ["## What failed"]
    linked = {s.url for s in dossier.sources if s.origin != "seed"}
    groups: dict[str, list[str]] = {}
    for e in dossier.errors:
        if e.url in linked:
            groups.setdefault(e.message, []).append(e.url)
    grouped = {m for m, urls in groups.items() if len(urls) >= GROUPED_FAILURES}
    # an error of no page (the time budget ran out) is its message alone
    lines += [f"- {escape(e.url) + ': ' if e.url else ''}{escape(e.message)}"
              for e in dossier.errors if not (e.url in linked and e.message in grouped)]
    lines += [f"- {len(groups[m])} linked pages: {escape(m)} "
              f"({escape(', '.join(sorted({urlsplit(u).hostname or u for u in groups[m]})))})"
              for m in sorted(grouped)]
    return "\n".join(lines)
