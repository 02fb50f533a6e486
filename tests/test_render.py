"""Render stage: slugs that cannot escape the folder, inert Markdown, atomic writes."""

from __future__ import annotations

import html
import json
import os
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from dossier import render
from dossier.models import Dossier, Evidence, Fact, FetchError, Hook, Offer, Source, Target
from dossier.pipeline import Engine, build
from dossier.profile import Profile
from dossier.render import escape, slugify, to_json, to_markdown, write, write_atomic

URL = "https://example.org/bio"
LIVE_LINK = "[click me](javascript:alert(1))"
HOSTILE = ("<script>alert(1)</script> <!-- hidden --> # Not a heading\n## Also not a heading "
           "| a | fake | cell | <img src=x onerror=alert(1)> ![pic](https://evil.example/x.png) "
           f"{LIVE_LINK} <https://autolink.example/> *bold* _em_ `code` &amp; \\")


def fact(category: str, fact_id: str, quote: str = "A plain sentence.", url: str = URL,
         **fields: object) -> Fact:
    return Fact(category, dict(fields), (Evidence(url, quote),), 0.8, fact_id)


def hostile_dossier() -> Dossier:
    """Every scraped string a page could control, set to something that would be live."""
    facts = (
        fact("role", "f1", HOSTILE, title="<script>alert(1)</script>", org="Acme | Evil | Co",
             start=2019, current=True),
        fact("role", "f2", HOSTILE, "javascript:alert(1)", title="# Heading", org=LIVE_LINK,
             start=2010, end=2019),
        fact("board", "f3", HOSTILE, "https://example.org/a)(b", org=HOSTILE, kind="nonprofit"),
        fact("education", "f4", HOSTILE, institution="<b>Bold U</b>", degree="| MBA |"),
        fact("association", "f5", HOSTILE, org="<!-- x -->", position="> quote"),
        fact("cause", "f6", HOSTILE, name=LIVE_LINK, involvement="<i>x</i>"),
        fact("activity", "f7", HOSTILE, name="![pic](https://evil.example/x.png)"),
        fact("work", "f8", HOSTILE, title="## Fake section", kind="book"),
        fact("family", "f9", HOSTILE, relation="spouse", detail=HOSTILE),
    )
    return Dossier(
        target=Target("Eve <script>alert(1)</script> # Smith", ("<b>Evie</b>",)),
        priorities=("public speaking", "# <script>x</script>"),
        sources=(Source(URL, "ok", "bio", HOSTILE),
                 Source("javascript:alert(1)", "error", error=HOSTILE),
                 Source("https://example.org/x", "ok", "article", LIVE_LINK, origin="discovered",
                        found_on="javascript:alert(2)")),
        facts=facts,
        hooks=(Hook("public speaking", "f8", 0.9, HOSTILE, HOSTILE, {"relevance": 0.9}),
               Hook("# <script>x</script>", "f6", 0.5, LIVE_LINK, LIVE_LINK)),
        offers=(Offer(HOSTILE, HOSTILE, "f6"),),
        errors=(FetchError("javascript:alert(1)", HOSTILE),
                FetchError("## Fake error heading", "x")),
        generated_at="2025-01-01T00:00:00+00:00",
        changes=("# Fake change heading", HOSTILE),
    )


def tokens(markdown: str) -> list[Token]:
    """Parse as a permissive renderer would (raw HTML allowed, tables on); flatten children."""
    parser = MarkdownIt("commonmark", {"html": True}).enable("table")
    out: list[Token] = []
    for token in parser.parse(markdown):
        out.append(token)
        out.extend(token.children or [])
    return out


# ---------------------------------------------------------------- slugs


@pytest.mark.parametrize(("name", "slug"), [
    ("Maria Okafor", "maria-okafor"),
    ("Renée O'Connor-Smith", "renee-o-connor-smith"),
    ("  Dr. Jane   M. Roe, PhD ", "dr-jane-m-roe-phd"),
    ("ÅSA LINDQVIST", "asa-lindqvist"),
    ("Hannah Sjöberg", "hannah-sjoberg"),
    ("Greta Strauß", "greta-strauss"),
    ("Søren Kierkegaard", "soren-kierkegaard"),
    ("Łukasz Żak", "lukasz-zak"),
])
def test_slug_is_lower_case_ascii_with_hyphens(name: str, slug: str) -> None:
    assert slugify(name) == slug


@pytest.mark.parametrize("name", [
    "../../etc", "../../etc/passwd", "", "/", ".", "..", "...", "~", "~/x", "a/../../b",
    "C:\\Windows\\system32", "名前", "\x00", " - ", "x" * 500, "\u202eevil",
])
def test_slug_is_never_a_path(name: str) -> None:
    slug = slugify(name)
    assert slug and len(slug) <= 80
    assert all(c.isascii() and (c.islower() or c.isdigit() or c == "-") for c in slug)
    assert not slug.startswith("-") and not slug.endswith("-") and "--" not in slug
    assert Path(slug).name == slug and slug not in (".", "..")


def test_names_in_other_scripts_get_distinct_slugs(tmp_path: Path) -> None:
    """Letters with no ASCII form are not dropped silently: a digest of the name keeps
    "王小明" and "Мария Окафор" from overwriting each other."""
    names = ["王小明", "Мария Окафор", "Мария Иванова", "李小龙", "Maria 王", "Maria 李"]
    slugs = [slugify(n) for n in names]
    assert len(set(slugs)) == len(names), slugs
    assert slugs == [slugify(n) for n in names]  # the same name, the same file
    assert slugs[4].startswith("maria-")
    for name in names:
        write(Dossier(Target(name), (), (), ()), tmp_path)
    assert len(list(tmp_path.glob("*.md"))) == len(names)


def test_a_path_trick_name_writes_inside_the_out_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    dossier = Dossier(Target("../../etc/passwd"), (), (), ())
    json_path, md_path = write(dossier, out)
    assert json_path.parent == out and md_path.parent == out
    assert json_path.name == "etc-passwd.json"
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == [
        "etc-passwd.json", "etc-passwd.md"]


# ---------------------------------------------------------------- escaping


def test_escape_makes_markdown_and_html_inert() -> None:
    assert escape("<script>") == "&lt;script&gt;"
    assert escape("a | b") == r"a \| b"
    assert escape("# x") == r"\# x"
    assert escape("[a](b)") == r"\[a\](b)"  # no link without its brackets
    assert escape("line\nbreak   here") == "line break here"


@pytest.mark.parametrize(("text", "written"), [
    ("Chief Operating Officer (since 2019)", "Chief Operating Officer (since 2019)"),
    ("2024-03-01T09:19:35+00:00", "2024-03-01T09:19:35+00:00"),
    ("Smith & Sons, C# and C++", "Smith & Sons, C# and C++"),
    ("Q&A: 10 questions!", "Q&A: 10 questions!"),
    ("&amp; stays literal", "&amp;amp; stays literal"),
    ("&#60;script&#62;", "&amp;#60;script&amp;#62;"),
    ("+ not a list", r"\+ not a list"),
    ("- not a list", r"\- not a list"),
    ("2019. Not a list", r"2019\. Not a list"),
    ("=== not a heading", r"\=== not a heading"),
])
def test_escape_keeps_plain_text_readable_unrendered(text: str, written: str) -> None:
    """Only what would change the rendering is escaped: parentheses, +, & and digits mean
    nothing in running text; at the start of a line they could make a list or a heading."""
    assert escape(text) == written


@pytest.mark.parametrize("text", [
    "Chief Operating Officer (since 2019)", "a [b](c) d", "x & y &amp; z &#60;", "<b>bold</b>",
    "*em* _em_ `code` ~~s~~ | pipe", "# h", "+ item", "- item", "1. item", "1) item", "> quote",
    "=== x", "![img](http://x/y.png)", "\\[x\\]", "a\\", "<http://auto.link>",
])
def test_escaped_text_renders_as_itself(text: str) -> None:
    """markdown-it turns the escaped text back into exactly the text: one paragraph, no
    markup of its own."""
    html_out = MarkdownIt("commonmark").render(escape(text))
    assert html_out == f"<p>{html.escape(text, quote=True)}</p>\n", html_out


def test_control_characters_never_reach_the_markdown() -> None:
    name = "Jane\x1b[31m Roe\x00\x07\u202e\u2066"
    markdown = to_markdown(Dossier(Target(name), (), (), ()))
    assert markdown.startswith("# Jane\\[31m Roe\n")
    assert not [c for c in markdown if c != "\n" and (ord(c) < 32 or ord(c) == 127)]
    assert "\u202e" not in markdown and "\u2066" not in markdown


def test_no_raw_html_survives_in_the_markdown() -> None:
    markdown = to_markdown(hostile_dossier(), explain=True)
    assert "<script" not in markdown and "<img" not in markdown and "<!--" not in markdown
    html_tokens = [t for t in tokens(markdown) if t.type in ("html_block", "html_inline")]
    assert html_tokens == []


def test_only_http_links_and_no_images() -> None:
    toks = tokens(to_markdown(hostile_dossier(), explain=True))
    hrefs = [str(t.attrGet("href")) for t in toks if t.type == "link_open"]
    assert hrefs, "the dossier should link its evidence"
    assert all(h.startswith(("https://", "http://", "file://")) for h in hrefs), hrefs
    assert not any("evil.example" in h or "autolink" in h for h in hrefs)
    assert [t for t in toks if t.type == "image"] == []


def test_scraped_text_makes_no_headings() -> None:
    markdown = to_markdown(hostile_dossier())
    toks = tokens(markdown)
    headings = [toks[i + 1].content for i, t in enumerate(toks) if t.type == "heading_open"]
    assert not [h for h in headings if "Not a heading" in h or "Also not" in h or "Fake" in h]
    # Headings the renderer makes keep the scraped part escaped.
    assert any(h.startswith("Eve") and "script" in h for h in headings)


def cells(markdown: str) -> list[str]:
    """The text of every table cell, as a reader sees it."""
    toks = tokens(markdown)
    return ["".join(c.content for c in toks[i + 1].children or [])
            for i, t in enumerate(toks) if t.type in ("th_open", "td_open")]


def test_pipes_in_scraped_text_make_no_table_cells() -> None:
    texts = cells(to_markdown(hostile_dossier()))
    assert "Acme | Evil | Co" in texts  # a career cell keeps its pipes
    assert any("| a | fake | cell |" in t for t in texts)  # so does a source title


def test_scraped_emphasis_and_code_stay_literal() -> None:
    toks = tokens(to_markdown(hostile_dossier()))
    assert not [t for t in toks if t.type == "code_inline"]
    emphasised = [toks[i + 1].content for i, t in enumerate(toks) if t.type == "em_open"]
    assert "bold" not in emphasised and "em" not in emphasised


def test_a_hostile_page_through_the_pipeline_stays_inert(engine: Engine, page_server: str,
                                                         tmp_path: Path) -> None:
    # "board service", not "nonprofit boards": the hostile board is a bank's, and a corporate
    # board is no hook for nonprofit boards (issue 14); the hook carries its sentence here.
    profile = Profile(priorities=("board service",), interests=("reading",))
    dossier = build(Target("Jane Roe"), [f"{page_server}/hostile.html"], profile, engine)
    assert dossier.sources_ok == 1 and dossier.facts, "the page should yield facts"
    _, md_path = write(dossier, tmp_path, explain=True)
    markdown = md_path.read_text("utf-8")
    assert "not a heading" in markdown  # hostile text did reach the Markdown, escaped
    toks = tokens(markdown)
    assert not [t for t in toks if t.type in ("html_block", "html_inline", "image")]
    hrefs = [str(t.attrGet("href")) for t in toks if t.type == "link_open"]
    assert hrefs and all(h.startswith(f"{page_server}/") for h in hrefs), hrefs
    headings = [toks[i + 1].content for i, t in enumerate(toks) if t.type == "heading_open"]
    assert not [h for h in headings if "not a heading" in h]
    assert "<script" not in markdown and "<img" not in markdown and "<!--" not in markdown


def test_non_http_urls_are_text_not_links() -> None:
    assert render.link("javascript:alert(1)") == "javascript:alert(1)"  # text, no link
    assert not [t for t in tokens(render.link("javascript:alert(1)")) if t.type == "link_open"]
    assert render.link("https://example.org/a)(b") == "[source](https://example.org/a%29%28b)"


# ---------------------------------------------------------------- sections


def plain_dossier() -> Dossier:
    return Dossier(
        target=Target("Maria Okafor"),
        priorities=("supply chain analytics",),
        sources=(Source(URL, "ok", "bio", "Maria Okafor | Halvorsen"),
                 Source("https://example.org/gone", "error", error="HTTP 404")),
        facts=(fact("role", "f1", title="Chief Operating Officer", org="Halvorsen",
                    start=2019, current=True),
               fact("role", "f2", title="Director of Planning", org="Tidewater", start=2012,
                    end=2019),
               fact("board", "f3", org="Northfield Community Bank", kind="corporate"),
               fact("education", "f4", institution="Carrow School of Business", degree="MBA")),
        hooks=(Hook("supply chain analytics", "f1", 0.8, "Their role ties in.", "Ask them."),),
        errors=(FetchError("https://example.org/gone", "HTTP 404"),),
    )


def test_markdown_sections() -> None:
    markdown = to_markdown(plain_dossier())
    assert markdown.startswith("# Maria Okafor\n")
    assert "**Now:** Chief Operating Officer, Halvorsen, since 2019" in markdown
    assert "| 2019–present | Chief Operating Officer | Halvorsen |" in markdown
    assert "| 2012–2019 | Director of Planning | Tidewater |" in markdown
    for heading in ("## Hooks", "### supply chain analytics", "## Career", "## Boards",
                    "## Education", "## Sources", "## What failed"):
        assert f"\n{heading}" in markdown
    assert "“A plain sentence.”" in markdown  # the hook's evidence quote
    assert "| error: HTTP 404 |" in markdown
    assert "- https://example.org/gone: HTTP 404" in markdown


def test_no_priorities_says_so() -> None:
    markdown = to_markdown(Dossier(Target("Maria Okafor"), (), (), ()))
    assert "No learning priorities given" in markdown
    assert "No roles found." in markdown


def test_json_round_trips() -> None:
    data = json.loads(to_json(plain_dossier()))
    assert data["facts"][0]["org"] == "Halvorsen"
    assert data["errors"] == [{"url": "https://example.org/gone", "message": "HTTP 404"}]


# ---------------------------------------------------------------- atomic writes


def test_write_creates_the_folder_and_both_files(tmp_path: Path) -> None:
    json_path, md_path = write(plain_dossier(), tmp_path / "a" / "b")
    assert json_path == tmp_path / "a" / "b" / "maria-okafor.json"
    assert md_path == tmp_path / "a" / "b" / "maria-okafor.md"
    assert json.loads(json_path.read_text("utf-8"))["target"]["name"] == "Maria Okafor"
    assert md_path.read_text("utf-8").startswith("# Maria Okafor")
    assert sorted(p.name for p in (tmp_path / "a" / "b").iterdir()) == [
        "maria-okafor.json", "maria-okafor.md"]


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temp(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "x.md"
    write_atomic(path, "old dossier\n")

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(render.os, "replace", broken_replace)
    with pytest.raises(OSError):
        write_atomic(path, "new dossier\n")
    assert path.read_text("utf-8") == "old dossier\n"
    assert os.listdir(tmp_path) == ["x.md"]


def test_write_atomic_overwrites(tmp_path: Path) -> None:
    path = tmp_path / "x.md"
    write_atomic(path, "one\n")
    write_atomic(path, "two\n")
    assert path.read_text("utf-8") == "two\n"
    assert os.listdir(tmp_path) == ["x.md"]


def test_linked_pages_failing_alike_are_one_line_and_seeds_are_listed() -> None:
    """A saved page read offline: each of its web links fails with 'host name not found'."""
    hosts = [f"https://news{i}.example/story" for i in range(9)]
    dossier = Dossier(
        target=Target("Jane Roe"), priorities=(),
        sources=(Source("file:///saved/jane.html", "ok", "bio"),
                 Source("https://down.example/a", "error", error="HTTP 500"),
                 *(Source(u, "error", error="host name not found", origin="discovered",
                          found_on="file:///saved/jane.html") for u in hosts)),
        facts=(), hooks=(), offers=(),
        errors=(FetchError("https://down.example/a", "HTTP 500"),
                *(FetchError(u, "host name not found") for u in hosts)),
        generated_at="2025-01-01T00:00:00+00:00")
    failed = render.to_markdown(dossier).split("## What failed", 1)[1].split("\n## ", 1)[0]
    rows = [ln for ln in failed.splitlines() if ln.startswith("- ")]
    assert len(rows) == 2
    assert "down.example/a: HTTP 500" in rows[0]
    assert rows[1].startswith("- 9 linked pages: host name not found (news0.example")
    assert len(json.loads(render.to_json(dossier))["errors"]) == 10  # the JSON keeps each
