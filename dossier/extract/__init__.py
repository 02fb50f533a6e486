"""Extract stage: Page -> Document (main text, metadata, JSON-LD, links, page kind)."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import logging
import os
import pickle
import re
import threading
import warnings
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import trafilatura
from bs4 import BeautifulSoup, Tag, XMLParsedAsHTMLWarning
from charset_normalizer import from_bytes
from lxml import etree
from trafilatura.settings import set_date_params

from ..errors import Unreadable
from ..models import Document, Link, Page, PageKind
from ..names import FIRST_PERSON, word_pattern
from .blocks import html_blocks, tree_blocks, tree_strings, tree_text
from .markdown import read_markdown

try:
    import fcntl
except ImportError:  # Windows: no shared extraction (SharedPages)
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)
logging.getLogger("trafilatura").setLevel(logging.ERROR)

# A page whose text has fewer characters than this is treated as empty by trafilatura,
# and the BeautifulSoup fallback runs instead (chosen so a two-sentence bio still counts).
MIN_TEXT_CHARS = 80
# htmldate's extensive search guesses a page date from any year in the text ("founded in
# 2009", a copyright line) and loads dateparser's 200+ locales on first use (over a second);
# the page's markup (meta tags, JSON-LD, <time>, the URL) is what dates a page reliably.
DATE_EXTENSIVE_SEARCH = False
# Byte-order marks, longest first (the UTF-32 LE mark starts with the UTF-16 LE one).
BOMS = ((b"\xff\xfe\x00\x00", "utf-32"), (b"\x00\x00\xfe\xff", "utf-32"),
        (b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
# Declarations that browsers read as Windows-1252 (and servers send by default).
LATIN_FAMILY = {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "us-ascii", "ascii",
                "windows-1252", "cp1252"}
# Share of control characters above which decoded "text" is really binary.
MAX_BINARY_SHARE = 0.02
# Link context: the section heading in force (h2-h4; an h1 is the page title and would be
# context for every link) and the nearest block holding the link, each cut to CONTEXT_CHARS.
SECTION_HEADINGS = {"h2", "h3", "h4"}
LINK_BLOCKS = frozenset({"p", "li", "td", "dd", "dt", "blockquote", "figcaption"})
NAV_TAGS = frozenset({"nav", "header", "footer"})
NAV_CLASSES = re.compile(r"breadcrumb|\bmenu\b|navbar|site-nav|skip-link", re.I)
CONTEXT_CHARS = 300
# Kind hints, matched on the lower-cased title plus markup hints (classes, og:type, JSON-LD).
INTERVIEW_HINTS = re.compile(
    r"\b(q&a|q & a|interview|podcast|episode|transcript|conversation with|in conversation|"
    r"sits down with|talks to|ld:podcastepisode)\b")
PROFILE_HINTS = re.compile(r"\b(profile|alumni spotlight|spotlight|ld:profilepage)\b")
ARTICLE_HINTS = re.compile(
    r"\b(og:article|ld:(news|blogposting|article|report)\w*|press release|press|release|news|"
    r"story|obituary|blog|post)\b")
BIO_HINTS = re.compile(
    r"\b(leadership|our team|team|board|trustees|directors|about|bio|biography|speaker|"
    r"ld:person)\b")
ABOUT_TITLE = re.compile(r"^\s*about\b", re.I)
# Wire-service and press-office boilerplate near the top of a page marks a press release.
PRESS_WORDING = re.compile(r"\b(BUSINESS WIRE|PR ?Newswire|GLOBE NEWSWIRE|today announced|"
                           r"For immediate release|Media contact)\b", re.I)
FIRST_PERSON_WORDS = word_pattern(FIRST_PERSON)
# One first-person word in 100 separates a personal "About me" page from a company's About.
FIRST_PERSON_SHARE = 0.01
# Question/answer speaker labels ("Q:", "Nwosu:") that make a page an interview.
MIN_QA_LABELS = 4
PERSON_TITLE = re.compile(
    r"(?:(?:Dr|Mr|Ms|Mrs|Mx|Prof)\.?\s+)?[A-Z][\w'’.\-]+"
    r"(?:\s+(?:[A-Z][\w'’.\-]*|\"[^\"]+\"|“[^”]+”)){1,4}")
QA_LABEL = re.compile(r"^\s*(?:Q|A|[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,2})\s*[:：]", re.M)


# lxml's HTML parser as BeautifulSoup runs it (comments kept: they split strings there), on
# the page's text encoded as UTF-8.
HTML_PARSER = etree.HTMLParser(encoding="utf-8")

MARKDOWN_TYPES = frozenset({"text/markdown", "text/x-markdown"})
MARKDOWN_SUFFIX = re.compile(r"\.(md|markdown|mdown|mkd|mdx)$", re.I)
# Template markup left in a page by a site generator or server page (Jinja, Liquid, Hugo,
# Django, ASP/JSP directives): never text.
TEMPLATE_MARKUP = re.compile(r"\{#.*?#\}|\{%.*?%\}|\{\{.*?\}\}|<%.*?%>", re.S)


# Characters of text of the Documents extracted last that a process keeps: the targets of a
# batch often share a page (a board or leadership page, a proxy statement naming several
# directors), which is then read once per worker. 20 MB holds a few big filings.
EXTRACTED_CHARS = 20_000_000


class _Extracted:
    """The Documents extracted last, by page address and content, up to EXTRACTED_CHARS."""

    def __init__(self, limit: int) -> None:
        self.limit, self.chars = limit, 0
        self.docs: OrderedDict[tuple[str, str, str | None, bytes], Document] = OrderedDict()
        self.lock = threading.Lock()  # a Dask worker may run targets in threads

    @staticmethod
    def key(page: Page) -> tuple[str, str, str | None, bytes]:
        return page.final_url, page.content_type, page.encoding, hashlib.sha1(page.body).digest()

    def get(self, key: tuple[str, str, str | None, bytes]) -> Document | None:
        with self.lock:
            doc = self.docs.get(key)
            if doc is not None:
                self.docs.move_to_end(key)
            return doc

    def put(self, key: tuple[str, str, str | None, bytes], doc: Document) -> None:
        with self.lock:
            if key in self.docs:
                return
            self.docs[key] = doc
            self.chars += len(doc.text)
            while self.chars > self.limit and self.docs:
                self.chars -= len(self.docs.popitem(last=False)[1].text)


_extracted = _Extracted(EXTRACTED_CHARS)


def extract_cached(page: Page) -> Document:
    """extract(), but the same bytes at the same address give the Document extracted last
    time, if this process still keeps it (pipeline.read_sources reads pages with this)."""
    key = _Extracted.key(page)
    doc = _extracted.get(key)
    if doc is None:
        doc = extract(page)
        _extracted.put(key, doc)
    return doc


@dataclass(frozen=True)
class SharedPages:
    """Pages several processes of one batch read (the same board page or filing given for
    several targets), and the private folder, alive for the batch, where the first process to
    extract one leaves its Document for the others."""

    folder: Path
    urls: frozenset[str]

    def extract(self, page: Page) -> Document:
        """extract_cached(); a page of `urls` is extracted once for all the processes: one that
        asks for it while another extracts it waits for that Document, then reads it."""
        key = _Extracted.key(page)
        doc = _extracted.get(key)
        if doc is not None or fcntl is None or not self.urls & {page.url, page.final_url}:
            return doc or extract_cached(page)
        name = hashlib.sha1(repr(key).encode("utf-8")).hexdigest()
        path = self.folder / f"{name}.pickle"
        try:
            lock = open(self.folder / f"{name}.lock", "a+b")  # noqa: SIM115 - closed below
        except OSError:  # the folder is gone (the batch is ending): read it here
            return extract_cached(page)
        with lock:
            fcntl.flock(lock, fcntl.LOCK_EX)  # until the file closes
            try:
                doc = pickle.loads(path.read_bytes())
            except (OSError, EOFError, pickle.UnpicklingError):
                doc = extract(page)  # Unreadable: nothing is left, the next one tries again
                with contextlib.suppress(OSError):  # then only this process keeps it
                    part = path.with_name(f"{name}.{os.getpid()}.part")
                    part.write_bytes(pickle.dumps(doc, pickle.HIGHEST_PROTOCOL))
                    os.replace(part, path)
        _extracted.put(key, doc)
        return doc


def extract(page: Page) -> Document:
    """Turn fetched bytes into a Document; raise Unreadable when there is no text.

    Every path gives the same shape: one block (paragraph, heading, list item, table row) per
    line, whitespace collapsed, so a sentence is never cut at a line break of the source.
    """
    if page.content_type == "application/pdf" or page.body[:5] == b"%PDF-":
        return _from_text(page.final_url, _pdf_text(page.body))
    text = TEMPLATE_MARKUP.sub(" ", decode(page.body, page.encoding))
    if _is_markdown(page, text):
        return _from_markdown(page.final_url, text)
    if page.content_type == "text/plain" or not _looks_like_html(text):
        return _from_text(page.final_url, text)
    return _from_html(page.final_url, text)


def _is_markdown(page: Page, text: str) -> bool:
    if page.content_type in MARKDOWN_TYPES:
        return True
    path = urlsplit(page.final_url).path
    return bool(MARKDOWN_SUFFIX.search(path)) and not _looks_like_html(text[:200])


def _from_markdown(url: str, text: str) -> Document:
    read = read_markdown(text)
    body = "\n".join(read.blocks)
    if not body.strip():
        raise Unreadable("no text on the page")
    title = read.title or _first_line_title(read.blocks)
    links = tuple(Link(url=urljoin(url, href), text=label[:200], context=block[:CONTEXT_CHARS])
                  for href, label, block in read.links
                  if href and not href.startswith(("#", "mailto:", "javascript:", "tel:")))
    return Document(url=url, text=body, title=title, author=read.author, links=links,
                    kind=classify(body, title, read.meta.get("type", "")))


def decode(body: bytes, declared: str | None) -> str:
    """Bytes to text: a byte-order mark, the declared charset, a <meta charset>, else detection.

    A Latin-1 declaration (many servers' default) on a page that is valid UTF-8 loses to
    UTF-8, and Latin-1 is read as Windows-1252, as browsers do.
    """
    if not body.strip():
        raise Unreadable("empty page")
    bom = next((name for mark, name in BOMS if body.startswith(mark)), None)
    if bom is None and _control_share(body[:20000]) > MAX_BINARY_SHARE:
        raise Unreadable("binary content, not text")
    for charset in _charset_candidates(body, declared, bom):
        try:
            text = body.decode(charset)
            break
        except (LookupError, UnicodeDecodeError):
            continue
    else:
        text = _detected(body)
    if _control_share(text[:20000]) > MAX_BINARY_SHARE:
        raise Unreadable("binary content, not text")
    return text.removeprefix("\ufeff")


def _charset_candidates(body: bytes, declared: str | None, bom: str | None) -> list[str]:
    if bom:
        return [bom]
    out: list[str] = []
    for charset in (declared, _meta_charset(body[:4096])):
        if not charset:
            continue
        if charset.lower() in LATIN_FAMILY:
            if _is_utf8(body):
                out.append("utf-8")
            out.append("cp1252")
        out.append(charset)
    return [*out, "utf-8"]


def _is_utf8(body: bytes) -> bool:
    try:
        body.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _detected(body: bytes) -> str:
    """Detection; on a tie Windows-1252 wins, being the web's commonest legacy charset."""
    matches = from_bytes(body[:200_000])
    best = matches.best()
    if best is None:
        return body.decode("cp1252", errors="replace")
    tie = next((m for m in matches if m.encoding == "cp1252" and m.chaos <= best.chaos
                and m.coherence >= best.coherence), None)
    return body.decode((tie or best).encoding, errors="replace")


# Control characters, but for tab, newline, form feed and carriage return.
CONTROLS = bytes(c for c in range(32) if c not in (9, 10, 12, 13))
CONTROL_CHARS = dict.fromkeys(CONTROLS)  # str.translate deletes the keys mapped to None


def _control_share(data: bytes | str) -> float:
    """Share of control characters (not tab, newline, form feed or carriage return)."""
    if not data:
        return 0.0
    if isinstance(data, bytes):
        kept = len(data.translate(None, CONTROLS))
    else:
        kept = len(data.translate(CONTROL_CHARS))
    return (len(data) - kept) / len(data)


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


# A page's first line is its title only when it is as short as a title: a transcript that
# starts with a 50,000-character paragraph has none.
MAX_TITLE_CHARS = 200


def _first_line_title(lines: Iterable[str]) -> str | None:
    first = next((line for line in lines if line), None)
    return first if first is not None and len(first) <= MAX_TITLE_CHARS else None


def _from_text(url: str, text: str, kind_hint: PageKind | None = None) -> Document:
    text = "\n".join(text_blocks(_strip_front_matter(text)))
    if not text:
        raise Unreadable("no text on the page")
    title = _first_line_title(ln.strip("# ").strip() for ln in text.splitlines())
    kind = kind_hint or classify(text, title, "")
    return Document(url=url, text=text, title=title, kind=kind)


# Plain text with at least this many blank-line breaks is written in paragraphs wrapped over
# several lines; with fewer, each line is a paragraph of its own.
MIN_PARAGRAPH_BREAKS = 3
BULLET = re.compile(r"^\s*(?:[-•*]\s|\d{1,2}[.)]\s|\|)")


def text_blocks(text: str) -> list[str]:
    """Plain text as blocks: paragraphs (wrapped lines joined) and list items."""
    chunks = [c for c in re.split(r"\n[ \t]*\n", text) if c.strip()]
    if len(chunks) <= MIN_PARAGRAPH_BREAKS:
        return [" ".join(ln.split()) for ln in text.splitlines() if ln.strip()]
    out: list[str] = []
    for chunk in chunks:
        current: list[str] = []
        for line in chunk.splitlines():
            if BULLET.match(line) and current:
                out.append(" ".join(current))
                current = []
            current.extend(line.split())
        if current:
            out.append(" ".join(current))
    return out


def _strip_front_matter(text: str) -> str:
    """Drop a Jekyll/Hugo front-matter block (--- or +++ fenced) from a Markdown file."""
    match = re.match(r"\A(---|\+\+\+)\n.*?\n\1\n", text, re.S)
    return text[match.end():] if match else text


# Text glued to the text of an inline element next to it, a word's end to a capital
# ('Jane Roe<span>Chief Financial Officer</span>', which CSS shows on two lines): a comma
# keeps the two apart, for trafilatura and the page's own blocks alike.
# (The first lookahead changes no match: it lets the search test the lookbehind only before a
# '<', a quarter of the time on the 2.2 MB proxy statement.)
GLUED = re.compile(r"(?=<)(?<=[a-z0-9.)])((?:</?(?:span|strong|b|em|i|small|a|font|label|"
                   r"sup)\b[^<>]*>)+)(?=[A-Z])")


def _from_html(url: str, html: str) -> Document:
    """The page parsed once by lxml (in a twentieth of BeautifulSoup's time, with the same
    parser, libxml2, so the same tree) and read for its blocks, links, JSON-LD and kind hints;
    trafilatura parses it for the main text and metadata. A page lxml cannot parse is read
    with BeautifulSoup."""
    html = GLUED.sub(r"\1, ", html)
    try:
        tree = etree.fromstring(html.encode("utf-8", "surrogatepass"), HTML_PARSER)
    except (etree.LxmlError, ValueError):
        tree = None
    if tree is None:
        return _from_soup(url, html)
    forked = _Forked.start(_content_blocks, html, url) if len(html) >= FORK_AT_CHARS else None
    json_ld = tuple(_tree_json_ld(tree))
    links = tuple(_tree_links(tree, url))
    body = next(tree.iter("body"), None)
    page = tree_blocks(body if body is not None else tree)
    meta, main = _main_text_beside(forked, html, url)
    title_tag = next(tree.iter("title"), None)
    title = meta.get("title") or (
        "".join(s.strip() for s in tree_strings(title_tag)) if title_tag is not None else None)
    people_page = bool(PEOPLE_PAGE.search(title or ""))
    text = "\n".join(_choose_blocks(page, main, people_page))
    if not text:
        raise Unreadable("no text on the page")
    kind = classify(text, title, _tree_kind_hints(tree, body, json_ld))
    site = meta.get("sitename")
    return Document(
        url=url, text=text, title=title, author=meta.get("author"),
        date=meta.get("date"),
        site=str(site) if _named_site(site) else (
            _site_from_title_text(tree_text(title_tag) if title_tag is not None else "")
            or site or urlsplit(url).hostname),
        kind=kind, links=links, json_ld=json_ld, registrant=_registrant(tree),
    )


# trafilatura's metadata fields that _from_html uses.
META_FIELDS = ("title", "author", "date", "sitename")


def _main_text(html: str, url: str) -> tuple[dict[str, Any], list[str]]:
    """trafilatura's metadata (the fields used) and its main text as blocks."""
    meta, result = _trafilatura(html, url)
    return {k: meta.get(k) for k in META_FIELDS}, _trafilatura_blocks(result)


# A page of at least this many characters (a big filing: trafilatura takes over a second on
# the 2.2 MB proxy statement) has its main text read in a forked process while this one reads
# its blocks, links, markup and metadata, where allow_forking() allowed it: in `dossier
# build`'s reading process, with a second CPU (pipeline._can_fork), beside the model loading.
FORK_AT_CHARS = 500_000
_forking = {"allowed": False}


def allow_forking(allowed: bool = True) -> None:
    """Let _from_html read a big page's main text in a forked process (see FORK_AT_CHARS)."""
    _forking["allowed"] = allowed


def _content_blocks(html: str, url: str) -> list[str] | None:
    """trafilatura's main text as blocks, read without its metadata (the same text: its
    metadata is read first, from a tree it does not change); None when it keeps none."""
    result = trafilatura.bare_extraction(html, url=url, with_metadata=False, **TRAFILATURA)
    return None if result is None else _trafilatura_blocks(result)


def _metadata(html: str, url: str) -> dict[str, Any]:
    """trafilatura's metadata of a page, as bare_extraction reads it (the fields used)."""
    found = trafilatura.extract_metadata(html, url, TRAFILATURA["date_extraction_params"],
                                         False, set())  # bare_extraction's arguments
    return {k: found.as_dict().get(k) for k in META_FIELDS}


def _main_text_beside(forked: _Forked | None, html: str, url: str
                      ) -> tuple[dict[str, Any], list[str]]:
    """_main_text(), the main text from `forked` (_content_blocks in a forked process) and the
    metadata read here meanwhile; if the fork failed, all read here."""
    if forked is not None:
        try:
            meta: dict[str, Any] | None = _metadata(html, url)
        except (TypeError, ValueError):  # bare_extraction would have kept nothing
            meta = None
        answer = forked.result()
        if answer is not None and meta is not None:
            blocks = answer[0]
            return (meta, blocks) if blocks is not None else (dict.fromkeys(META_FIELDS), [])
    return _main_text(html, url)


@dataclass
class _Forked:
    """A function run in a forked process, its answer pickled through a pipe."""

    pid: int
    fd: int

    @classmethod
    def start(cls, func: Any, *args: Any) -> _Forked | None:
        if not _forking["allowed"] or threading.active_count() > 1 or \
                not hasattr(os, "fork"):
            return None
        read, write = os.pipe()
        try:
            pid = os.fork()
        except OSError:
            os.close(read)
            os.close(write)
            return None
        if pid == 0:  # the child: answer, and exit without running the parent's cleanup
            status = 1
            try:
                os.close(read)
                with os.fdopen(write, "wb") as out:
                    pickle.dump((func(*args),), out, pickle.HIGHEST_PROTOCOL)
                status = 0
            finally:
                os._exit(status)
        os.close(write)
        return cls(pid, read)

    def result(self) -> tuple[Any] | None:
        """(the child's answer,), or None if it failed (then the caller does its work)."""
        try:
            with os.fdopen(self.fd, "rb") as answer:
                data = answer.read()
            return pickle.loads(data) if data else None
        except (OSError, EOFError, pickle.UnpicklingError) as exc:
            log.debug("extract: the forked process failed (%s)", exc)
            return None
        finally:
            with contextlib.suppress(ChildProcessError):
                os.waitpid(self.pid, 0)


def _registrant(tree: Any) -> str | None:
    """The company an SEC filing is by: the inline XBRL cover fact dei:EntityRegistrantName
    (which main-text extraction may drop with the cover page's large type)."""
    for element in tree.iter("{*}nonnumeric", "ix:nonnumeric"):
        if str(element.get("name", "")).lower() == "dei:entityregistrantname":
            name = " ".join("".join(element.itertext()).split())
            return name or None
    return None


def _from_soup(url: str, html: str) -> Document:
    with warnings.catch_warnings():  # a feed or sitemap is read as best it can, silently
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)
        soup = BeautifulSoup(html, "lxml")
    json_ld = tuple(_json_ld(soup))
    links = tuple(_links(soup, url))
    meta, result = _trafilatura(html, url)
    title = meta.get("title") or (soup.title.get_text(strip=True) if soup.title else None)
    people_page = bool(PEOPLE_PAGE.search(title or ""))
    text = "\n".join(_main_blocks(soup, _trafilatura_blocks(result), people_page))
    if not text:
        raise Unreadable("no text on the page")
    kind = classify(text, title, _kind_hints(soup, json_ld))
    return Document(
        url=url, text=text, title=title, author=meta.get("author"),
        date=meta.get("date"),
        site=_site(meta.get("sitename"), soup, url),
        kind=kind, links=links, json_ld=json_ld,
    )


TRAFILATURA: dict[str, Any] = dict(
    include_tables=True, include_links=False,
    include_formatting=True,  # italics mark titles (see _trafilatura_blocks)
    include_comments=False, favor_recall=True, deduplicate=False,
    date_extraction_params=set_date_params(extensive=DATE_EXTENSIVE_SEARCH))


def _trafilatura(html: Any, url: str) -> tuple[dict[str, Any], Any]:
    """trafilatura's metadata and result for a page (its text or its lxml tree)."""
    result = trafilatura.bare_extraction(html, url=url, with_metadata=True, **TRAFILATURA)
    # bare_extraction returns a trafilatura Document (a dict only with as_dict=True)
    meta: dict[str, Any] = result if isinstance(result, dict) else (
        result.as_dict() if result is not None else {})
    return meta, result


def _named_site(sitename: Any) -> bool:
    """A site's name, not its host ('acme.example', '10.0.0.5:8080', 'localhost:8000')."""
    return bool(sitename) and not re.fullmatch(
        r"(?:[\w.-]+\.[a-z]{2,}|[\d.]+|localhost)(?::\d+)?", str(sitename))


def _site(sitename: str | None, soup: BeautifulSoup, url: str) -> str | None:
    """The site's name: trafilatura's, unless it is only a host name ('acme.example') and the
    page title names the site ('Leadership | Acme Widgets')."""
    if _named_site(sitename):
        return str(sitename)
    raw = soup.title.get_text(" ", strip=True) if soup.title else ""
    return _site_from_title_text(raw) or sitename or urlsplit(url).hostname


def _site_from_title_text(raw: str) -> str | None:
    """'Board of Trustees | Office of the President | Rittenhouse University' -> the last part."""
    parts = [p.strip() for p in re.split(r"\s+[|·–—]\s+|\s+-\s+", raw) if p.strip()]
    return parts[-1] if len(parts) > 1 else None


# trafilatura's output tree names its elements in its own XML vocabulary.
TRAFILATURA_TAGS = {"head": "h3", "list": "ul", "item": "li", "row": "tr", "cell": "td",
                    "quote": "blockquote", "lb": "br", "hi": "span", "ref": "a", "del": "span",
                    "graphic": "span", "code": "pre"}
# The page's own blocks replace trafilatura's main text when trafilatura kept less than this
# share of the page's prose: on board and leadership pages it keeps one bio of many, or the
# bios without the names over them. Prose blocks are blocks of PROSE_WORDS words or more.
MAIN_TEXT_SHARE = 0.5
PROSE_WORDS = 8


def _trafilatura_blocks(result: Any) -> list[str]:
    """trafilatura's main text as blocks: its tree, not its text, which keeps the source's
    line breaks inside paragraphs."""
    body = getattr(result, "body", None)
    if body is None:
        return []
    for element in body.iter():
        if element.tag == "hi" and "#i" in str(element.get("rend", "")):
            element.tag = "em"  # italics: a title, perhaps
        elif isinstance(element.tag, str) and element.tag in TRAFILATURA_TAGS:
            element.tag = TRAFILATURA_TAGS[element.tag]
    markup = etree.tostring(body, encoding="unicode")
    # read back as HTML, as the page's own blocks are read (lxml's parser, as BeautifulSoup's)
    tree = etree.fromstring(markup.encode("utf-8"), HTML_PARSER)
    if tree is None:
        return []
    root = next(tree.iter("body"), None)
    return tree_blocks(root if root is not None else tree, furniture=False)


# A page whose title says it lists people (a leadership, board or team page): trafilatura
# takes one person's entry for the article and drops the others as boilerplate.
PEOPLE_PAGE = re.compile(r"(?i)\b(leadership|our team|team|board|trustees|directors|governors|"
                         r"executives|management|founders|speakers|people|staff)\b")


def _main_blocks(soup: BeautifulSoup, main: list[str], people_page: bool) -> list[str]:
    return _choose_blocks(html_blocks(soup), main, people_page)


def _choose_blocks(page: list[str], main: list[str], people_page: bool) -> list[str]:
    """trafilatura's main text, or the page's own blocks when trafilatura kept too little
    or the page lists people."""
    prose = sum(len(b.split()) for b in page if len(b.split()) >= PROSE_WORDS)
    kept = sum(len(b.split()) for b in main)
    if people_page or len("\n".join(main)) < MIN_TEXT_CHARS or kept < MAIN_TEXT_SHARE * prose:
        log.debug("extract: page blocks (%d prose words) over trafilatura's (%d)", prose, kept)
        return page
    return main


def _kind_hints(soup: BeautifulSoup, json_ld: tuple[dict[str, Any], ...]) -> str:
    """What the markup says a page is: body and article classes, og:type, JSON-LD types."""
    hints = []
    for tag in (soup.body, soup.find("article")):
        if tag is not None:
            hints += [str(c) for c in tag.get("class") or []]
    og = soup.find("meta", attrs={"property": "og:type"})
    if og is not None:
        hints.append(f"og:{og.get('content', '')}")
    hints += [f"ld:{t}" for item in json_ld[:1] for t in _ld_types(item)]
    return " ".join(hints)


def _tree_kind_hints(tree: Any, body: Any, json_ld: tuple[dict[str, Any], ...]) -> str:
    """_kind_hints on the lxml tree."""
    hints: list[str] = []
    for tag in (body, next(tree.iter("article"), None)):
        if tag is not None:
            hints += (tag.get("class") or "").split()
    og = next((m for m in tree.iter("meta") if m.get("property") == "og:type"), None)
    if og is not None:
        hints.append(f"og:{og.get('content', '')}")
    hints += [f"ld:{t}" for item in json_ld[:1] for t in _ld_types(item)]
    return " ".join(hints)


def _ld_types(item: dict[str, Any]) -> list[str]:
    kinds = item.get("@type") or []
    return [str(k) for k in (kinds if isinstance(kinds, list) else [kinds])]


def _json_ld(soup: BeautifulSoup) -> list[dict[str, Any]]:
    return _ld_items(tag.string for tag in soup.find_all(
        "script", attrs={"type": "application/ld+json"}))


def _tree_json_ld(tree: Any) -> list[dict[str, Any]]:
    return _ld_items(tag.text for tag in tree.iter("script")
                     if tag.get("type") == "application/ld+json")


def _ld_items(scripts: Iterable[str | None]) -> list[dict[str, Any]]:
    """The JSON-LD items of a page's ld+json scripts; a script that is not JSON is skipped."""
    items: list[dict[str, Any]] = []
    for text in scripts:
        try:
            data = json.loads(text or "")
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
    """Every outgoing link, with its section heading and enclosing block as context.

    One pass in document order, so the heading in force is known without searching back.
    """
    out: list[Link] = []
    heading = ""
    blocks: dict[int, str] = {}  # block text by element id: a link farm shares one block
    for tag in soup.descendants:
        if not isinstance(tag, Tag):
            continue
        if tag.name in SECTION_HEADINGS:
            heading = tag.get_text(" ", strip=True)[:CONTEXT_CHARS]
            continue
        url = _link_url(tag.get("href") if tag.name == "a" else None, base)
        if url is None:
            continue
        block = _ancestor(tag, LINK_BLOCKS)
        if block is not None and id(block) not in blocks:
            blocks[id(block)] = block.get_text(" ", strip=True)[:CONTEXT_CHARS]
        context = " | ".join(t for t in (heading, blocks.get(id(block), "")) if t)
        out.append(Link(url=url, text=tag.get_text(" ", strip=True)[:200],
                        context=context, section=heading, nav=_in_navigation(tag)))
    return out


def _link_url(href: Any, base: str) -> str | None:
    """The address a link's href leads to, or None for an anchor on the page, a mail, phone
    or script link, or a malformed address ("http://[::1/")."""
    href = str(href or "").strip()
    if not href or href.startswith(("#", "mailto:", "javascript:", "tel:")):
        return None
    try:
        return urljoin(base, href)
    except ValueError:
        return None


def _tree_links(tree: Any, base: str) -> list[Link]:
    """_links on the lxml tree: every outgoing link, with its section heading and enclosing
    block as context."""
    out: list[Link] = []
    heading = ""
    blocks: dict[Any, str] = {}  # block text by element: a link farm shares one block
    for tag in tree.iter():
        name = tag.tag
        if name in SECTION_HEADINGS:
            heading = tree_text(tag)[:CONTEXT_CHARS]
            continue
        url = _link_url(tag.get("href") if name == "a" else None, base)
        if url is None:
            continue
        parents = list(tag.iterancestors())
        block = next((p for p in parents if p.tag in LINK_BLOCKS), None)
        if block is not None and block not in blocks:
            blocks[block] = tree_text(block)[:CONTEXT_CHARS]
        context = " | ".join(t for t in (heading, blocks.get(block, "")) if t)
        nav = any(p.tag in NAV_TAGS or p.get("role") == "navigation" or
                  NAV_CLASSES.search(" ".join((p.get("class") or "").split())) for p in parents)
        out.append(Link(url=url, text=tree_text(tag)[:200], context=context, section=heading,
                        nav=nav))
    return out


def _in_navigation(tag: Tag) -> bool:
    """Inside the site's menus: nav/header/footer, role=navigation, or a breadcrumb or menu."""
    if _ancestor(tag, NAV_TAGS) is not None:
        return True
    return any(parent.get("role") == "navigation" or NAV_CLASSES.search(
        " ".join(parent.get("class") or [])) for parent in tag.parents)


def _ancestor(tag: Tag, names: frozenset[str]) -> Tag | None:
    """The nearest enclosing element of one of these names (bs4's find_parent, which builds a
    matcher at each call: it was a quarter of the time of reading a page with many links)."""
    return next((parent for parent in tag.parents if parent.name in names), None)


def classify(text: str, title: str | None, hints: str) -> PageKind:
    """Guess the page kind from its markup hints, title, wording and structure.

    The order matters: an interview is often marked up as a news article, and a magazine
    profile as an article, so the specific kinds are tried before the general ones.
    """
    head = f"{title or ''} {hints}".lower()
    if INTERVIEW_HINTS.search(head) or len(QA_LABEL.findall(text)) >= MIN_QA_LABELS:
        return "interview"
    if PROFILE_HINTS.search(head) or (ABOUT_TITLE.search(title or "") and _first_person(text)):
        return "profile"
    if ARTICLE_HINTS.search(head) or PRESS_WORDING.search(text[:3000]) or re.search(
        r"^\s*By [A-Z]", text[:600], re.M
    ):
        return "article"
    if BIO_HINTS.search(head) or _looks_like_a_name(title or ""):
        return "bio"
    return "other"


def _first_person(text: str) -> bool:
    words = max(1, len(text.split()))
    return len(FIRST_PERSON_WORDS.findall(text)) / words >= FIRST_PERSON_SHARE


def _looks_like_a_name(title: str) -> bool:
    """'Dr. Lorraine M. Baptiste', 'Anjali Mehta-Lindgren, MD' or 'Sam Kowalczyk (they/them)':
    a title that is only a person's name marks a bio page."""
    bare = re.sub(r"\([^)]*\)", "", title).split(",")[0].split(" | ")[0].split(" - ")[0]
    return bool(PERSON_TITLE.fullmatch(bare.strip()))
