"""An HTML tree as text blocks: each paragraph, heading, list item and table row one line.

Source line breaks inside a paragraph are layout, not text: every block's whitespace is
collapsed, so a sentence wrapped over five lines of HTML is one sentence. List items start
with "- " and table rows are written "| cell | cell |", the forms the facts stage reads as
rows. A table cell holding paragraphs (the layout tables of SEC filings) is read as those
paragraphs, not as one row.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import Comment, Declaration, Doctype, ProcessingInstruction

# Elements whose text is never page text, and the site's menus and furniture.
SKIPPED = frozenset({"script", "style", "noscript", "template", "svg", "head", "title",
                     "button", "select", "option", "textarea", "iframe", "object", "canvas",
                     "map", "input"})
# (A <form> is not skipped: ASP.NET WebForms pages wrap the whole page in one.)
FURNITURE = frozenset({"nav", "header", "footer", "aside"})
FURNITURE_CLASSES = re.compile(
    r"(?:^|[\s_-])(breadcrumbs?|menu|navbar|site-nav|skip-link|cookie\w*|share|sharing|social|"
    r"subscribe|newsletter-signup|related|comments?|sidebar|advert\w*|ads?|promo)(?:$|[\s_-])",
    re.I)
HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Elements that end the text before them and start a new block.
BLOCKS = frozenset({"p", "div", "section", "article", "main", "li", "dd", "dt", "blockquote",
                    "figcaption", "figure", "pre", "address", "ul", "ol", "dl", "table", "tr",
                    "tbody", "thead", "tfoot", "caption", "center", "details", "summary",
                    "hr", "body", "html", *HEADINGS})
CELLS = frozenset({"td", "th"})
# A cell with more text than this in paragraphs of its own is page text laid out in a table,
# not a row of data (SEC filings put whole biographies in one cell).
CELL_PROSE_CHARS = 200
# A block at least this share of whose characters are link text, and that is longer than
# LINK_LIST_WORDS words, is a list of links to other pages (related stories, menus).
LINK_SHARE = 0.7
LINK_LIST_WORDS = 3
SPACE = re.compile(r"\s+")
# Inline elements that set a title apart (books, shows, papers), written in quotes in the
# text so the facts stage sees them as a quoted title.
TITLE_TAGS = frozenset({"i", "em", "cite"})


def looks_like_title(text: str) -> bool:
    """Two to twelve words starting with a capital, no quote marks of its own."""
    words = text.split()
    return 2 <= len(words) <= 12 and words[0][:1].isupper() and \
        not re.search(r"[\"“”]", text) and not text.rstrip().endswith(".")
# Zero-width characters and soft hyphens: invisible, and they split words for the tokenizer.
INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")


def normalize(text: str) -> str:
    """One line: invisible characters dropped, each run of whitespace one space."""
    return SPACE.sub(" ", INVISIBLE.sub("", text)).strip()


@dataclass
class _Buffer:
    """The inline text gathered since the last block boundary."""

    parts: list[str] = field(default_factory=list)
    link_chars: int = 0

    def text(self) -> str:
        return normalize("".join(self.parts))


# A line ending in one of these words goes on in the next ('Chairman of the Board and').
DANGLING = re.compile(r"(?i)(?:\b(?:and|or|of|the|for|at|in|to|&)|[,;–—-])$")
# At most this many words before a <br> make the line a field of an entry, not a line of prose.
ENTRY_WORDS = 20


class _Walker:
    def __init__(self, furniture: bool) -> None:
        self.furniture = furniture  # skip menus, headers, footers and link lists
        self.out: list[str] = []
        self.buffer = _Buffer()
        self.prefix = ""  # "- " while inside a list item

    def flush(self) -> None:
        text = self.buffer.text()
        links = self.buffer.link_chars
        self.buffer = _Buffer()
        if not text:
            return
        if self.furniture and links >= LINK_SHARE * len(text) and \
                len(text.split()) > LINK_LIST_WORDS:
            return
        self.out.append(self.prefix + text)

    def line_break(self) -> None:
        """A <br> ends a line of prose or of an address, but inside a short entry it only
        separates its fields ('David Holmberg, Chairman of the Board and<br>Chief Executive
        Officer<br>Highmark Inc.' is one entry), and after a dangling word the line goes on."""
        text = self.buffer.text()
        if DANGLING.search(text):
            self.buffer.parts.append(" ")
        elif text and len(text.split()) <= ENTRY_WORDS and not text.endswith((".", "!", "?", ":")):
            self.buffer.parts.append(", ")
        else:
            self.flush()

    def walk(self, node: Tag) -> None:
        for child in node.children:
            if isinstance(child, (Comment, Declaration, Doctype, ProcessingInstruction)):
                continue
            if isinstance(child, NavigableString):
                self.buffer.parts.append(str(child))
                continue
            if isinstance(child, Tag):
                self.element(child)

    def element(self, tag: Any) -> None:
        name = self.tag_name(tag)
        if name in SKIPPED or (self.furniture and self.is_furniture(tag)):
            return
        if name == "br":
            self.line_break()
        elif name == "tr":
            self.row(tag)
        elif name == "li":
            self.flush()
            outer, self.prefix = self.prefix, "- "
            self.walk(tag)
            self.flush()
            self.prefix = outer
        elif name in BLOCKS or name in CELLS:
            self.flush()
            self.walk(tag)
            self.flush()
        elif name in TITLE_TAGS:
            buffer, before = self.buffer, len(self.buffer.parts)
            self.walk(tag)
            inner = "".join(self.buffer.parts[before:])
            # '<em>High Performance MySQL</em>' is a title; italics spanning lines are not
            if self.buffer is buffer and looks_like_title(inner):
                # the spaces inside the tag stay outside the quotes ('bestsellers<i> Lean
                # In ... Lead </i>and' is not 'bestsellers“Lean In ... Lead”and')
                space = (inner[:len(inner) - len(inner.lstrip())], inner[len(inner.rstrip()):])
                self.buffer.parts[before:] = [space[0], "“", inner.strip(), "”", space[1]]
        elif name == "a":
            before = len(self.buffer.text())
            self.walk(tag)
            self.buffer.link_chars += max(0, len(self.buffer.text()) - before)
        else:  # inline: span, b, em, ix:nonNumeric ...
            self.walk(tag)

    def row(self, tr: Any) -> None:
        """A table row: one '| a | b |' line, unless a cell holds paragraphs of prose."""
        self.flush()
        cells = self.cells(tr)
        if any(self.holds_prose(c) for c in cells) or len(cells) < 2:
            for cell in cells or [tr]:
                self.walk(cell)
                self.flush()
            return
        texts = [self.cell_text(c) for c in cells]
        texts = [t for t in texts if t]
        if len(texts) == 1:
            self.out.append(self.prefix + texts[0])
        elif texts:
            self.out.append("| " + " | ".join(texts) + " |")

    # What each kind of tree gives the walk: BeautifulSoup's here, lxml's in _TreeWalker.
    def tag_name(self, tag: Tag) -> str:
        return str(tag.name)

    def is_furniture(self, tag: Tag) -> bool:
        return _is_furniture(tag)

    def cells(self, tr: Tag) -> list[Any]:
        return list(tr.find_all(CELLS, recursive=False))

    def holds_prose(self, cell: Tag) -> bool:
        return _holds_prose(cell)

    def cell_text(self, cell: Tag) -> str:
        return _cell_text(cell)


class _TreeWalker(_Walker):
    """The same walk over an lxml tree (the parse trafilatura reads too), where an element's
    text comes before its children and each child's tail after it. It gives the blocks the
    BeautifulSoup walk gives on the same page, without a second parse (tests compare both)."""

    def walk(self, node: Any) -> None:  # lxml.html.HtmlElement
        if node.text:
            self.buffer.parts.append(node.text)
        for child in node:
            if isinstance(child.tag, str):  # not a comment nor a processing instruction
                self.element(child)
            if child.tail:
                self.buffer.parts.append(child.tail)

    def tag_name(self, tag: Any) -> str:
        return str(tag.tag)

    def is_furniture(self, tag: Any) -> bool:
        return _tree_is_furniture(tag)

    def cells(self, tr: Any) -> list[Any]:
        return [c for c in tr if c.tag in CELLS]

    def holds_prose(self, cell: Any) -> bool:
        return _tree_holds_prose(cell)

    def cell_text(self, cell: Any) -> str:
        return normalize(" ".join(tree_strings(cell))).strip("|").strip()


# Elements whose strings BeautifulSoup's get_text leaves out (its Script, Stylesheet,
# TemplateString and ruby strings).
HIDDEN_STRINGS = frozenset({"script", "style", "template", "rt", "rp"})
PROSE_TAGS = frozenset({"p", "div", "li", "br"})


def tree_strings(element: Any) -> Iterator[str]:
    """The text of an lxml element in document order, as BeautifulSoup's get_text reads it."""
    if element.text:
        yield element.text
    for child in element:
        if isinstance(child.tag, str) and child.tag not in HIDDEN_STRINGS:
            yield from tree_strings(child)
        if child.tail:
            yield child.tail


def tree_text(element: Any) -> str:
    """get_text(" ", strip=True) of an lxml element (nothing inside a script or template)."""
    if any(parent.tag in HIDDEN_STRINGS for parent in element.iterancestors()):
        return ""
    return " ".join(s for s in (t.strip() for t in tree_strings(element)) if s)


def _tree_is_furniture(tag: Any) -> bool:
    if tag.tag in FURNITURE or tag.get("role") in ("navigation", "banner", "contentinfo"):
        return True
    classes = " ".join((tag.get("class") or "").split()) + " " + str(tag.get("id") or "")
    return bool(FURNITURE_CLASSES.search(classes))


def _tree_holds_prose(cell: Any) -> bool:
    return any(isinstance(e.tag, str) and e.tag in PROSE_TAGS for e in cell.iterdescendants()) \
        and len(tree_text(cell)) > CELL_PROSE_CHARS


def tree_blocks(root: Any, furniture: bool = True) -> list[str]:
    """html_blocks of an lxml element (the page's body, or trafilatura's main text)."""
    walker = _TreeWalker(furniture)
    walker.walk(root)
    walker.flush()
    return _drop_repeats(walker.out)


def _is_furniture(tag: Tag) -> bool:
    if tag.name in FURNITURE or tag.get("role") in ("navigation", "banner", "contentinfo"):
        return True
    classes = " ".join(tag.get("class") or []) + " " + str(tag.get("id") or "")
    return bool(FURNITURE_CLASSES.search(classes))


def _holds_prose(cell: Tag) -> bool:
    paragraphs = cell.find_all(["p", "div", "li", "br"])
    return bool(paragraphs) and len(cell.get_text(" ", strip=True)) > CELL_PROSE_CHARS


def _cell_text(cell: Tag) -> str:
    return normalize(cell.get_text(" ")).strip("|").strip()


def html_blocks(soup: BeautifulSoup | Tag, furniture: bool = True) -> list[str]:
    """The text blocks of a parsed page (or of one element), in document order."""
    walker = _Walker(furniture)
    root = soup.body if isinstance(soup, BeautifulSoup) and soup.body else soup
    walker.walk(root)
    walker.flush()
    return _drop_repeats(walker.out)


def _drop_repeats(blocks: list[str]) -> list[str]:
    """A block repeated right after itself (a caption and its alt text) once."""
    return [b for i, b in enumerate(blocks) if i == 0 or b != blocks[i - 1]]


def words(blocks: Iterator[str] | list[str]) -> int:
    return sum(len(b.split()) for b in blocks)
