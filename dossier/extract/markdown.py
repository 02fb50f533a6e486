"""Markdown pages (transcripts, speaker pages, personal sites) as text blocks and metadata.

Paragraphs are joined across their source lines, list items start with "- ", table rows are
written "| a | b |", headings are lines of their own, code is left out and inline markup
(emphasis, links, escapes) is reduced to its text, so "**Pia Mancini:** Hi" reads as the
speaker label it is. Front matter (YAML between ---, TOML between +++) gives the metadata.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from bs4 import BeautifulSoup
from markdown_it import MarkdownIt
from markdown_it.token import Token

from .blocks import html_blocks, normalize

FRONT_MATTER = re.compile(r"\A\ufeff?(---|\+\+\+)[ \t]*\r?\n(.*?)\r?\n\1[ \t]*(?:\r?\n|\Z)", re.S)
# Front-matter keys, lower-cased, that name the page's subject or its author.
TITLE_KEYS = ("title", "name", "linktitle")
AUTHOR_KEYS = ("author", "authors", "by")
# Keys whose values are facts a reader would take from the page header (job title, employer).
ABOUT_KEYS = ("jobtitle", "job_title", "position", "role", "company", "organization",
              "organisation", "affiliation", "employer", "bio", "description")


@dataclass
class MarkdownPage:
    blocks: list[str]
    title: str | None = None
    author: str | None = None
    meta: dict[str, str] = field(default_factory=dict)
    links: list[tuple[str, str, str]] = field(default_factory=list)  # (href, text, block)


# Keys of a front-matter list entry that name it, and that hold its text (Jekyll's
# feature_row: `title: "Joe Andrieu"`, `excerpt: "<b>Treasurer</b> ..."`).
ENTRY_NAME_KEYS = ("title", "name", "alt")
ENTRY_TEXT_KEYS = ("excerpt", "bio", "description", "summary", "body", "content", "text",
                   "position", "role", "job_title", "jobtitle", "affiliation", "company")


def read_markdown(text: str) -> MarkdownPage:
    """A Markdown file as blocks, with its front matter read as metadata. Lists of entries in
    the front matter (a board page's people, each with a name and a bio) are page text too:
    site generators render them into the page."""
    meta, body = front_matter(text)
    links: list[tuple[str, str, str]] = []
    blocks = _front_matter_entries(text) + _blocks(body, links)
    title = next((meta[k] for k in TITLE_KEYS if meta.get(k)), None)
    author = next((meta[k] for k in AUTHOR_KEYS if meta.get(k)), None)
    about = [f"{meta[k]}" for k in ABOUT_KEYS if meta.get(k) and meta[k] not in blocks]
    return MarkdownPage(blocks=about + blocks, title=title, author=author, meta=meta,
                        links=links)


def front_matter(text: str) -> tuple[dict[str, str], str]:
    """(flat string metadata with lower-cased keys, the text after the front matter)."""
    match = FRONT_MATTER.match(text)
    if not match:
        return {}, text
    data = _parse(match.group(1), match.group(2))
    meta = {str(k).lower(): _flat(v) for k, v in data.items()} if isinstance(data, dict) else {}
    return {k: v for k, v in meta.items() if v}, text[match.end():]


def _front_matter_entries(text: str) -> list[str]:
    match = FRONT_MATTER.match(text)
    data = _parse(match.group(1), match.group(2)) if match else None
    out: list[str] = []
    for value in (data.values() if isinstance(data, dict) else ()):
        if not isinstance(value, list):
            continue
        for entry in value:
            if isinstance(entry, dict):
                out.extend(_entry_blocks(entry))
    return out


def _entry_blocks(entry: dict[Any, Any]) -> list[str]:
    keys = {str(k).lower(): v for k, v in entry.items()}
    name = next((keys[k] for k in ENTRY_NAME_KEYS if isinstance(keys.get(k), str)), None)
    texts = [keys[k] for k in ENTRY_TEXT_KEYS if isinstance(keys.get(k), str)]
    if not name or not texts:
        return []
    out = [normalize(name)]
    for text in texts:
        out.extend(html_blocks(BeautifulSoup(f"<div>{text}</div>", "lxml"), furniture=False))
    return out


def _parse(fence: str, raw: str) -> Any:
    try:
        if fence == "---":
            return yaml.safe_load(raw)
        import tomllib  # Python 3.11+; older Pythons read no TOML front matter

        return tomllib.loads(raw)
    except (yaml.YAMLError, ImportError, ValueError):
        return {}


def _flat(value: Any) -> str:
    if isinstance(value, str):
        return normalize(value)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return ", ".join(v.strip() for v in value if v.strip())
    return ""


_PARSER = MarkdownIt("commonmark").enable("table")


def _blocks(body: str, links: list[tuple[str, str, str]]) -> list[str]:
    out: list[str] = []
    prefix: list[str] = []  # "- " while inside a list item
    row: list[str] | None = None
    for tok in _PARSER.parse(body):
        if tok.type == "list_item_open":
            prefix.append("- ")
        elif tok.type == "list_item_close":
            prefix.pop()
        elif tok.type == "tr_open":
            row = []
        elif tok.type == "tr_close" and row is not None:
            cells = [c for c in row if c]
            out.append("| " + " | ".join(cells) + " |" if len(cells) > 1 else "".join(cells))
            row = None
        elif tok.type == "inline":
            text = inline_text(tok)
            links.extend((href, label, text) for href, label in _links(tok))
            if row is not None:
                row.append(text)
            elif text:
                out.append((prefix[-1] if prefix else "") + text)
        elif tok.type == "html_block":
            out.extend(html_blocks(BeautifulSoup(tok.content, "lxml")))
    return [b for b in out if b.strip(" -|")]


def _links(tok: Token) -> list[tuple[str, str]]:
    """(href, link text) of each link in an inline token."""
    out: list[tuple[str, str]] = []
    href: str | None = None
    label: list[str] = []
    for child in tok.children or []:
        if child.type == "link_open":
            href, label = str(child.attrGet("href") or ""), []
        elif child.type == "link_close" and href is not None:
            out.append((href, normalize("".join(label))))
            href = None
        elif href is not None and child.type in ("text", "code_inline"):
            label.append(child.content)
    return out


def inline_text(tok: Token) -> str:
    """The reader's text of an inline token: marks dropped, breaks as spaces, code kept."""
    parts: list[str] = []
    for child in tok.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        elif child.type == "html_inline" and not child.content.startswith("<"):
            parts.append(child.content)
        elif child.type == "image":
            parts.append("")
    return normalize("".join(parts))
