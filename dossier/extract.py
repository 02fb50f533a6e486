"""Extract stage: Page -> Document (main text, metadata, JSON-LD, links, page kind)."""

from __future__ import annotations

import io
import json
import logging
import re
from typing import Any
from urllib.parse import urljoin, urlsplit

import trafilatura
from bs4 import BeautifulSoup
from charset_normalizer import from_bytes

from .errors import Unreadable
from .models import Document, Link, Page, PageKind

log = logging.getLogger(__name__)
logging.getLogger("trafilatura").setLevel(logging.ERROR)

# A page whose text has fewer characters than this is treated as empty by trafilatura,
# and the BeautifulSoup fallback runs instead (chosen so a two-sentence bio still counts).
MIN_TEXT_CHARS = 80
# Share of control characters above which decoded "text" is really binary.
MAX_BINARY_SHARE = 0.02
QA_LABEL = re.compile(r"^\s*(?:Q|A|[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,2})\s*[:：]", re.M)


def extract(page: Page) -> Document:
    """Turn fetched bytes into a Document; raise Unreadable when there is no text."""
    if page.content_type == "application/pdf" or page.body[:5] == b"%PDF-":
        return _from_text(page.final_url, _pdf_text(page.body), kind_hint="other")
    text = decode(page.body, page.encoding)
    if page.content_type == "text/plain" or not _looks_like_html(text):
        return _from_text(page.final_url, text)
    return _from_html(page.final_url, text)


def decode(body: bytes, declared: str | None) -> str:
    """Bytes to text: the declared charset, a <meta charset>, else detection."""
    if not body.strip():
        raise Unreadable("empty page")
    charset = declared or _meta_charset(body[:4096])
    text: str | None = None
    if charset:
        try:
            text = body.decode(charset)
        except (LookupError, UnicodeDecodeError):
            text = None
    if text is None:
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            best = from_bytes(body[:200_000]).best()
            text = str(best) if best is not None else body.decode("latin-1")
    controls = sum(1 for ch in text[:20000] if ord(ch) < 32 and ch not in "\t\n\r\f")
    if controls > MAX_BINARY_SHARE * min(len(text), 20000):
        raise Unreadable("binary content, not text")
    return text


def _meta_charset(head: bytes) -> str | None:
    match = re.search(rb"""<meta[^>]+charset=["']?([\w-]+)""", head, re.I)
    return match.group(1).decode("ascii").lower() if match else None


def _looks_like_html(text: str) -> bool:
    return bool(re.search(r"<(html|body|p|div|article|head)\b", text[:5000], re.I))


def _pdf_text(body: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(body))
        return "\n\n".join((p.extract_text() or "") for p in reader.pages)
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        raise Unreadable(f"unreadable PDF: {exc}") from exc


def _from_text(url: str, text: str, kind_hint: PageKind | None = None) -> Document:
    text = _strip_front_matter(text).strip()
    if not text:
        raise Unreadable("no text on the page")
    title = next((ln.strip("# ").strip() for ln in text.splitlines() if ln.strip()), None)
    kind = kind_hint or classify(text, title, "")
    return Document(url=url, text=text, title=title, kind=kind)


def _strip_front_matter(text: str) -> str:
    """Drop a Jekyll/Hugo front-matter block (--- or +++ fenced) from a Markdown file."""
    match = re.match(r"\A(---|\+\+\+)\n.*?\n\1\n", text, re.S)
    return text[match.end():] if match else text


def _from_html(url: str, html: str) -> Document:
    soup = BeautifulSoup(html, "lxml")
    json_ld = tuple(_json_ld(soup))
    links = tuple(_links(soup, url))
    result = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_tables=True, include_links=False,
        include_comments=False, favor_recall=True, deduplicate=False,
    )
    meta: dict[str, Any] = result.as_dict() if result is not None else {}
    text = (meta.get("text") or "").strip()
    if len(text) < MIN_TEXT_CHARS:
        text = _fallback_text(soup)
    if not text:
        raise Unreadable("no text on the page")
    title = meta.get("title") or (soup.title.get_text(strip=True) if soup.title else None)
    kind = classify(text, title, " ".join(soup.get("class") or []) + _og_type(soup))
    return Document(
        url=url, text=text, title=title, author=meta.get("author"),
        date=meta.get("date"), site=meta.get("sitename") or urlsplit(url).hostname,
        kind=kind, links=links, json_ld=json_ld,
    )


def _fallback_text(soup: BeautifulSoup) -> str:
    """Visible text without scripts, styles and navigation, one block per line."""
    for tag in soup(["script", "style", "noscript", "nav", "header", "footer", "form"]):
        tag.decompose()
    body = soup.body or soup
    lines = (ln.strip() for ln in body.get_text("\n").splitlines())
    return "\n".join(ln for ln in lines if ln)


def _og_type(soup: BeautifulSoup) -> str:
    tag = soup.find("meta", attrs={"property": "og:type"})
    return f" og:{tag.get('content', '')}" if tag else ""


def _json_ld(soup: BeautifulSoup) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for tag in soup.find_all("script", attrs={"type": "application/ld+json"}):
        try:
            data = json.loads(tag.string or "")
        except (json.JSONDecodeError, TypeError):
            continue
        items.extend(_flatten_ld(data))
    return items


def _flatten_ld(data: Any) -> list[dict[str, Any]]:
    if isinstance(data, list):
        return [d for item in data for d in _flatten_ld(item)]
    if isinstance(data, dict):
        if "@graph" in data:
            return _flatten_ld(data["@graph"])
        return [data]
    return []


def _links(soup: BeautifulSoup, base: str) -> list[Link]:
    out: list[Link] = []
    for a in soup.find_all("a", href=True):
        href = str(a["href"]).strip()
        if not href or href.startswith(("#", "mailto:", "javascript:", "tel:")):
            continue
        out.append(Link(url=urljoin(base, href), text=a.get_text(" ", strip=True)[:200]))
    return out


def classify(text: str, title: str | None, hints: str) -> PageKind:
    """Guess the page kind from its wording and structure."""
    head = f"{title or ''} {hints}".lower()
    labels = len(QA_LABEL.findall(text))
    if "podcast" in head or "episode" in head or "transcript" in head:
        return "interview"
    if labels >= 4 or re.search(r"\b(q&a|interview)\b", head):
        return "interview"
    if re.search(r"\b(leadership|our team|board of|trustees|directors|about|bio|biography)\b",
                 head):
        return "bio"
    if re.search(r"\b(speaker|profile|alumni)\b", head):
        return "profile"
    if "og:article" in head or re.search(r"\b(press release|news)\b", head) or re.search(
        r"^\s*By [A-Z]", text[:600], re.M
    ):
        return "article"
    return "other"
