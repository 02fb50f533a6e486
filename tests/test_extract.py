"""Extract stage: main text and metadata, the fallback, JSON-LD, links, page kind, charsets."""

from __future__ import annotations

import struct
import warnings
import zlib
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from dossier import extract as extract_stage
from dossier.errors import Unreadable
from dossier.extract import classify, decode, extract, extract_cached
from dossier.extract.blocks import html_blocks
from dossier.models import Page

PAGES = Path(__file__).parent / "pages"
URL = "https://news.example.org/interviews/sato-farrell"


def page(body: bytes | str, content_type: str = "text/html", url: str = URL,
         encoding: str | None = None) -> Page:
    data = body.encode("utf-8") if isinstance(body, str) else body
    return Page(url, url, 200, content_type, data, encoding)


def png() -> bytes:
    """A real 1x1 PNG image."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))


ARTICLE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Imogen Sato-Farrell on turbines | Windpower Weekly</title>
<meta name="author" content="Leah Ostrander">
<meta property="og:site_name" content="Windpower Weekly">
<meta property="og:type" content="article">
<meta property="article:published_time" content="2024-09-18T08:00:00+01:00">
</head><body>
<header><nav><a href="/news/">News</a> <a href="/events/">Events</a>
  <span>Subscribe to our newsletter for offers</span></nav></header>
<main><article>
<h1>Imogen Sato-Farrell on turbines</h1>
<p>Imogen Sato-Farrell has run Brackwater Turbine Works since 2021. She joined the company
in 2016 as vice president of engineering and led the redesign of its offshore gearbox line.</p>
<p>Before that she spent nine years at Kestrel Grid Solutions, where she directed controls
engineering for offshore wind farms along the northern coast.</p>
<h2>Outside work</h2>
<p>She rows with the <a href="/clubs/eastgate">Eastgate Rowing Club</a> and tutors adult
readers with <a href="https://shoreline.example.org/">Shoreline Reading Partners</a>.</p>
<p>Write to us: <a href="mailto:editor@example.org">editor</a>
 <a href="#top">back to top</a> <a href="javascript:void(0)">share</a></p>
</article></main>
<footer><a href="/privacy/">Privacy</a> Copyright Windpower Weekly</footer>
</body></html>"""


def test_main_text_comes_without_boilerplate() -> None:
    doc = extract(page(ARTICLE))
    assert "has run Brackwater Turbine Works since 2021" in doc.text
    assert "Kestrel Grid Solutions" in doc.text
    assert "Subscribe to our newsletter" not in doc.text
    assert "Privacy" not in doc.text


def test_metadata_title_author_date_site() -> None:
    doc = extract(page(ARTICLE))
    assert doc.title == "Imogen Sato-Farrell on turbines"
    assert doc.author == "Leah Ostrander"
    assert doc.date == "2024-09-18"
    assert doc.site == "Windpower Weekly"
    assert doc.url == URL


def test_site_falls_back_to_the_host_name() -> None:
    html = ARTICLE.replace('<meta property="og:site_name" content="Windpower Weekly">', "")
    html = html.replace(" | Windpower Weekly", "").replace("Copyright Windpower Weekly", "")
    assert extract(page(html)).site in ("news.example.org", "Windpower Weekly")


def test_fallback_text_when_trafilatura_finds_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extract_stage.trafilatura, "bare_extraction", lambda *a, **k: None)
    doc = extract(page(ARTICLE))
    assert "has run Brackwater Turbine Works since 2021" in doc.text
    assert "Subscribe to our newsletter" not in doc.text  # navigation is dropped
    assert "Copyright" not in doc.text  # so is the footer
    assert doc.title == "Imogen Sato-Farrell on turbines | Windpower Weekly"
    assert "gearbox line" in doc.text.replace("\n", " ")


def test_fallback_drops_scripts_and_styles(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extract_stage.trafilatura, "bare_extraction", lambda *a, **k: None)
    html = ("<html><head><style>p{color:red}</style></head><body><script>var x = 1;</script>"
            "<p>Jane Roe is the chief executive of Acme Widgets.</p></body></html>")
    doc = extract(page(html))
    assert doc.text == "Jane Roe is the chief executive of Acme Widgets."


def test_a_short_page_still_has_its_text() -> None:
    html = "<html><body><div>Jane Roe</div><div>CEO of Acme Widgets.</div></body></html>"
    doc = extract(page(html))
    assert "Jane Roe" in doc.text and "CEO of Acme Widgets." in doc.text


def test_a_page_without_text_is_unreadable() -> None:
    with pytest.raises(Unreadable):
        extract(page("<html><body><script>var x = 1;</script></body></html>"))


JSON_LD = """<html><head><title>Jane Roe</title>
<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
  {"@type": "Person", "name": "Jane Roe", "jobTitle": "Chief Executive Officer",
   "worksFor": {"@type": "Organization", "name": "Acme Widgets"}},
  {"@type": "WebPage", "name": "Jane Roe | Acme"}]}</script>
<script type="application/ld+json">[{"@type": "Organization", "name": "Acme Widgets"}]</script>
<script type="application/ld+json">{"@type": "Person", "name": broken</script>
</head><body><article><p>Jane Roe leads Acme Widgets, a maker of industrial fasteners, and
has done so since 2018 after a decade in the company's engineering group.</p></article>
</body></html>"""


def test_json_ld_graphs_and_lists_are_flattened_and_broken_blocks_skipped() -> None:
    doc = extract(page(JSON_LD))
    types = [item["@type"] for item in doc.json_ld]
    assert types == ["Person", "WebPage", "Organization"]
    assert doc.json_ld[0]["worksFor"]["name"] == "Acme Widgets"


def test_links_are_absolute_with_context_and_skip_non_pages() -> None:
    links = {link.text: link for link in extract(page(ARTICLE)).links}
    assert links["Eastgate Rowing Club"].url == "https://news.example.org/clubs/eastgate"
    assert links["Shoreline Reading Partners"].url == "https://shoreline.example.org/"
    context = " ".join(links["Eastgate Rowing Club"].context.split())
    assert "Outside work" in context  # the section heading
    assert "tutors adult readers" in context  # the paragraph around the link
    assert not links["Eastgate Rowing Club"].nav
    assert links["News"].nav and links["Privacy"].nav
    assert not {"editor", "back to top", "share"} & set(links)


@pytest.mark.parametrize(("title", "text", "hints", "kind"), [
    ("Q&A: Jane Roe on fasteners", "Some text.", "", "interview"),
    ("Jane Roe on fasteners", "Q: Why?\nA: Because.\nQ: How?\nA: Slowly.\n", "", "interview"),
    ("Episode 12: Jane Roe", "Some text.", "", "interview"),
    ("Alumni spotlight: Jane Roe", "Some text.", "", "profile"),
    ("Acme names new chief", "BUSINESS WIRE -- Acme today announced ...", "", "article"),
    ("Acme names new chief", "Some text.", "og:article", "article"),
    ("Jane Roe | Leadership | Acme Widgets", "Some text.", "", "bio"),
    ("Dr. Jane M. Roe", "Some text.", "", "bio"),
    ("Quarterly results", "Revenue rose.", "", "other"),
])
def test_page_kind(title: str, text: str, hints: str, kind: str) -> None:
    assert classify(text, title, hints) == kind


def test_page_kinds_of_the_test_pages() -> None:
    def kind(name: str) -> str:
        return extract(page((PAGES / name).read_bytes())).kind
    assert kind("bio.html") == "bio"
    assert kind("interview.html") == "interview"


def test_plain_text_page_takes_its_first_line_as_title() -> None:
    text = "---\nlayout: post\n---\n# Jane Roe\n\nJane Roe is the chief executive of Acme.\n"
    doc = extract(page(text, "text/plain"))
    assert doc.title == "Jane Roe"
    assert doc.text.startswith("# Jane Roe")
    assert "layout" not in doc.text


@pytest.mark.parametrize(("body", "declared", "expected"), [
    ("Café Müller".encode("cp1252"), "iso-8859-1", "Café Müller"),
    ("Café Müller".encode(), "iso-8859-1", "Café Müller"),  # UTF-8 mislabelled as Latin-1
    ("“Smart” quotes".encode("cp1252"), "latin-1", "“Smart” quotes"),
    ("Café".encode("utf-16"), None, "Café"),  # byte-order mark
    (b"\xef\xbb\xbfCaf\xc3\xa9", "iso-8859-1", "Café"),  # a UTF-8 BOM beats the header
    ('<meta charset="windows-1252"><p>Café</p>'.encode("cp1252"), None, "Café"),
])
def test_charsets(body: bytes, declared: str | None, expected: str) -> None:
    assert expected in decode(body, declared)


def test_charset_of_a_whole_page() -> None:
    html = ('<html><head><meta charset="iso-8859-1"><title>Ren\xe9e</title></head><body>'
            "<p>Ren\xe9e Dubois is the directrice g\xe9n\xe9rale of Soci\xe9t\xe9 Lumi\xe8re, "
            "a maker of lighting for theatres and concert halls across the region.</p>"
            "</body></html>").encode("latin-1")
    doc = extract(page(html))
    assert "Renée Dubois" in doc.text and "Société Lumière" in doc.text


@pytest.mark.parametrize("content_type", ["text/html", "text/plain", "image/png", ""])
def test_binary_content_is_unreadable(content_type: str) -> None:
    with pytest.raises(Unreadable, match="binary"):
        extract(page(png(), content_type))


def test_control_share_counts_controls_but_whitespace() -> None:
    text = "Tab\there\r\n\x0cand \x00\x01\x1b\x7f é ünï \x1f"
    expected = 4 / len(text)  # \x00 \x01 \x1b \x1f; not \t \r \n \x0c, nor DEL or accents
    assert extract_stage._control_share(text) == expected
    data = bytes(range(256)) * 3
    assert extract_stage._control_share(data) == 28 / 256
    assert extract_stage._control_share(b"") == extract_stage._control_share("") == 0.0


@pytest.mark.parametrize("body", [b"", b"   \n\t ", b"<html><body></body></html>"])
def test_empty_pages_are_unreadable(body: bytes) -> None:
    with pytest.raises(Unreadable):
        extract(page(body))


def test_a_broken_pdf_is_unreadable() -> None:
    with pytest.raises(Unreadable):
        extract(page(b"%PDF-1.4 not really a pdf", "application/pdf"))


def test_an_xhtml_filing_is_read_without_a_warning() -> None:
    """An SEC inline-XBRL filing is XHTML that opens with an XML declaration: its text is
    read, and the parser's 'XML parsed as HTML' warning does not reach the user's terminal."""
    namespaces = "".join(f' xmlns:ns{i}="http://xbrl.example.org/2023/ns{i}"' for i in range(20))
    filing = ('<?xml version="1.0" encoding="utf-8" ?>\n<html xmlns="http://www.w3.org/1999/'
              f'xhtml"{namespaces}><head><title>Proxy Statement</title></head>'
              "<body><p>Imogen Sato-Farrell has served as a director "
              "since 2019. She leads engineering at Northwind Energy and chairs the board of "
              "the Coastal Turbine Trust.</p></body></html>")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        doc = extract(page(filing))
    assert "Coastal Turbine Trust" in doc.text


# ---------------------------------------------------------------- blocks, whatever the path

WRAPPED = """<html><body><div class="person-bio">
<h4>Renata Okafor<span class="title">Chief Financial Officer</span></h4>
<p>
  Renata Okafor holds a bachelor's degree from the
  University of Melbourne and an MBA from   Stanford University.
</p>
<ul><li>Halvorsen Logistics:
    led the freight
    analytics team.</li></ul>
{# a template comment #}{{ resp_img(url='img/okafor.jpg') }}{% if bio %}
<table><tr><td>Year</td><td>Role</td></tr><tr><td>2019</td><td>Chief
 Operating Officer</td></tr></table>
</div></body></html>"""


@pytest.mark.parametrize("trafilatura_runs", [True, False])
def test_blocks_are_whole_with_whitespace_collapsed(monkeypatch: pytest.MonkeyPatch,
                                                     trafilatura_runs: bool) -> None:
    if not trafilatura_runs:
        monkeypatch.setattr(extract_stage.trafilatura, "bare_extraction", lambda *a, **k: None)
    lines = extract(page(WRAPPED)).text.split("\n")
    assert "Renata Okafor holds a bachelor's degree from the University of Melbourne and an MBA " \
        "from Stanford University." in lines
    assert "- Halvorsen Logistics: led the freight analytics team." in lines
    assert "| 2019 | Chief Operating Officer |" in lines


def test_name_and_title_glued_by_markup_are_kept_apart(monkeypatch: pytest.MonkeyPatch) -> None:
    # the page's own blocks (trafilatura's tree has already merged the two)
    monkeypatch.setattr(extract_stage.trafilatura, "bare_extraction", lambda *a, **k: None)
    doc = extract(page(WRAPPED))
    assert "Renata Okafor, Chief Financial Officer" in doc.text.split("\n")


def test_a_line_break_inside_an_entry_separates_fields_not_lines() -> None:
    """'<br>' in a board member's entry splits its fields, after 'and' the line goes on,
    and in a poem or an address of full lines it still ends a line."""
    html = ("<div><p><strong>Jane Roe</strong> Chairman of the Board and <br/>Chief Executive "
            "Officer<br/>Saltmarsh Holdings Inc.</p>"
            "<p>We walked to the harbor at dawn and watched the boats come in.<br/>"
            "Nobody spoke until the last one was tied up at the pier.</p></div>")
    blocks = html_blocks(BeautifulSoup(html, "lxml"))
    assert "Jane Roe Chairman of the Board and Chief Executive Officer, Saltmarsh Holdings " \
           "Inc." in blocks
    assert "Nobody spoke until the last one was tied up at the pier." in blocks


def test_template_markup_is_not_text() -> None:
    text = extract(page(WRAPPED)).text
    assert "resp_img" not in text and "template comment" not in text and "{%" not in text


def test_a_table_cell_holding_paragraphs_is_read_as_paragraphs() -> None:
    bio = "Jane Roe has served as a director since 2015. " * 6
    html = (f"<html><body><table><tr><td>Jane Roe</td><td><p>{bio}</p><p>She chairs the "
            "Audit Committee.</p></td></tr></table></body></html>")
    lines = extract(page(html)).text.split("\n")
    assert "She chairs the Audit Committee." in lines
    assert not any(line.startswith("|") for line in lines)


def test_link_lists_are_left_out_of_the_page_blocks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(extract_stage.trafilatura, "bare_extraction", lambda *a, **k: None)
    teasers = "".join(f"<li><a href='/s{i}'>Another story about a different company number {i}"
                      "</a></li>" for i in range(5))
    html = (f"<html><body><h1>Jane Roe</h1><ul>{teasers}</ul><p>Jane Roe is the chief "
            "executive of Acme Widgets and chairs the Roe Family Foundation.</p></body></html>")
    text = extract(page(html)).text
    assert "Acme Widgets" in text and "Another story" not in text


MARKDOWN = """+++
Title = "Baron Okafor"
Twitter = "bokafor"
+++

Baron Okafor is the founder and CTO of
VividLedger. He has written *High Performance
Ledgers*.

```
not = "text"
```

## Talks

- Scaling ledgers,
  DevOpsDays 2019
- Ledger internals

| Year | Role |
|------|------|
| 2015 | Founder |

**Adam Host:** Welcome to the show.

**Baron Okafor:** \\[laughs\\] Thanks for having me.
"""


def test_markdown_is_read_with_its_structure_and_front_matter() -> None:
    doc = extract(page(MARKDOWN, content_type="text/markdown", url="https://x.example/b.md"))
    lines = doc.text.split("\n")
    assert doc.title == "Baron Okafor"
    assert "Baron Okafor is the founder and CTO of VividLedger. He has written “High " \
        "Performance Ledgers”." in lines
    assert "- Scaling ledgers, DevOpsDays 2019" in lines and "Talks" in lines
    assert "| 2015 | Founder |" in lines
    assert "Baron Okafor: [laughs] Thanks for having me." in lines
    assert "not =" not in doc.text and "bokafor" not in doc.text


def test_markdown_by_suffix_when_served_as_plain_text() -> None:
    body = "---\ntitle: Jane Roe\nauthor: Sam Poe\n---\n\nJane Roe runs\nAcme.\n"
    doc = extract(page(body, content_type="text/plain", url="https://x.example/jane.md"))
    assert (doc.title, doc.author, doc.text) == ("Jane Roe", "Sam Poe", "Jane Roe runs Acme.")


def test_plain_text_paragraphs_are_joined_across_their_lines() -> None:
    body = "\n\n".join(["Jane Roe", "Jane Roe is the chief\nexecutive of Acme.",
                        "- first item\n- second\n  item", "She rows."])
    doc = extract(page(body, content_type="text/plain"))
    assert doc.text.split("\n") == ["Jane Roe", "Jane Roe is the chief executive of Acme.",
                                    "- first item", "- second item", "She rows."]


def test_inline_xbrl_tags_are_read_as_inline_text() -> None:
    body = ("<p>Jane Roe has served as Chief Executive Officer of Acme Widgets since 2021 and "
            "oversees its <ix:nonNumeric name='x'>North American operations</ix:nonNumeric> "
            "from the Toledo office.</p>") * 4
    doc = extract(page(f"<html><body>{body}</body></html>"))
    assert "oversees its North American operations from the Toledo office." in doc.text


def test_a_page_wrapped_in_one_form_is_read() -> None:
    html = ('<%@ Page Language="VB" CodeFile="company.aspx.vb" %>\n<html><body><form id="f1" '
            'runat="server"><h3>Jane Roe</h3><p>Jane Roe is chief operating officer at Acme '
            'Widgets, overseeing its operations in four countries.</p><input name="q"></form>'
            '</body></html>')
    text = extract(page(html)).text
    assert "Jane Roe is chief operating officer at Acme Widgets" in text
    assert "Page Language" not in text


def test_front_matter_entry_lists_are_page_text() -> None:
    body = ('---\ntitle: "Board of Directors"\nboard:\n  - title: "Jane Roe"\n    excerpt: '
            '"<b>TREASURER.</b><br>Acme Widgets, CEO.<br><br>Jane leads requirements work."\n'
            '  - name: "Sam Poe"\n    bio: "Sam is a pilot."\n---\n\n{% include row %}\n')
    lines = extract(page(body, "text/markdown", "https://x.example/board.md")).text.split("\n")
    assert lines[:4] == ["Jane Roe", "TREASURER.", "Acme Widgets, CEO.",
                         "Jane leads requirements work."]
    assert "Sam Poe" in lines and "Sam is a pilot." in lines


def test_a_long_first_paragraph_is_no_title() -> None:
    """A transcript saved as Markdown with no heading: its first paragraph is not its title
    (the title names the page to whoever reads the dossier and feeds who-it-is-about)."""
    turn = "[Speaker 1] [00:00] Welcome back to the show, everyone. " * 20
    doc = extract(page(turn + "\n\n[Speaker 2] [01:00] Thanks for having me.",
                       content_type="text/markdown", url="https://example.org/ep1.md"))
    assert doc.title is None
    short = extract(page("Episode 12 with Tova Lindqvist\n\nWe talked about sailing.",
                         content_type="text/markdown", url="https://example.org/ep12.md"))
    assert short.title == "Episode 12 with Tova Lindqvist"


# Markup that the one-parse reading (trafilatura's lxml tree) must read as BeautifulSoup does:
# comments between words, links in a template and in ruby text, menus marked by role and
# class, a table cell of paragraphs next to a row of data, italics, JSON-LD, og:type.
TRICKY = """<!DOCTYPE html><html><head><title> Board of Directors | Kestrel Grid </title>
<meta property="og:type" content="profile">
<script type="application/ld+json">{"@type": "Person", "name": "Jane Roe"}</script></head>
<body class="page bio"><div role="navigation"><a href="/a">Home</a></div>
<div class="site-menu"><a href="/b">About us</a></div>
<article class="entry"><h2>Directors <!-- hidden --> and officers</h2>
<p>Jane<!-- x --> Roe chairs the <a href="/audit">Audit Committee</a> of <i>Kestrel Grid
Holdings</i>.<?php echo 1 ?></p>
<template><p><a href="/t">Inside a template</a></p></template>
<p><ruby>漢<rt><a href="/r">kan</a></rt></ruby> and <a href="/plain">plain text</a></p>
<table><tr><td>Name</td><td>Since</td></tr><tr><td>Jane Roe</td><td>2015</td></tr>
<tr><td>Bio</td><td><p>""" + "Jane Roe has served as a director since 2015. " * 6 + """</p>
<p>She chairs the Audit Committee.</p></td></tr></table>
<ul><li>First<br>item</li><li><a href="/x">Link one</a> <a href="/y">Link two</a></li></ul>
</article><footer><a href="/privacy">Privacy</a></footer></body></html>"""


@pytest.mark.parametrize("html", [TRICKY, *(p.read_text() for p in sorted(PAGES.glob("*.html")))],
                         ids=["tricky", *(p.name for p in sorted(PAGES.glob("*.html")))])
def test_one_parse_reads_a_page_as_beautifulsoup_does(html: str) -> None:
    tree = extract_stage._from_html(URL, html)
    soup = extract_stage._from_soup(URL, extract_stage.GLUED.sub(r"\1, ", html))
    assert tree == soup
    assert tree.text


def test_one_parse_reads_text_links_and_markup_of_a_tricky_page() -> None:
    doc = extract_stage._from_html(URL, TRICKY)
    lines = doc.text.split("\n")
    assert "Jane Roe chairs the Audit Committee of “Kestrel Grid Holdings”." in lines
    assert "She chairs the Audit Committee." in lines and "| Jane Roe | 2015 |" in lines
    assert "Inside a template" not in doc.text and "About us" not in doc.text
    links = {link.url.rsplit("/", 1)[1]: link for link in doc.links}
    assert links["audit"].section == "Directors and officers" and not links["audit"].nav
    assert links["a"].nav and links["b"].nav and links["privacy"].nav
    assert links["t"].text == "" and links["r"].text == ""  # in a template, in ruby text
    assert doc.json_ld == ({"@type": "Person", "name": "Jane Roe"},)
    assert doc.kind == "profile" and doc.site == "Kestrel Grid"


@pytest.mark.parametrize("url", ["http://127.0.0.1:8765/board.html", "http://localhost:8000/b",
                                 "https://quarrowtrust.example/board"])
def test_a_host_is_not_the_sites_name(url: str) -> None:
    """The page's title names the site ('Board of Directors | Quarrow Trust') whether it is
    served from a domain, an address with a port or localhost; a host is never the name."""
    html = ("<html><head><title>Board of Directors | Quarrow Trust</title></head><body>"
            "<h1>Board of Directors</h1><p>Ines Valdrada chairs the board of Quarrow Trust, "
            "a land conservancy on the northern coast, and has served since 2015.</p>"
            "</body></html>")
    doc = extract(Page(url, url, 200, "text/html", html.encode()))
    assert doc.site == "Quarrow Trust"


def test_a_title_in_italics_keeps_the_spaces_around_it() -> None:
    """'the bestsellers<i> Harbor Ledgers: Notes from the Quay </i>and ...': the title is
    quoted and the spaces inside the tag stay outside the quotes, so the sentence is whole."""
    html = ("<html><body><p>Jane Roe is the author of the bestsellers<i> Harbor Ledgers: Notes "
            "from the Quay </i>and <i>Tide Tables. </i>She lives in Lisbon.</p></body></html>")
    for doc in (extract_stage._from_html(URL, html), extract_stage._from_soup(URL, html)):
        assert "the bestsellers “Harbor Ledgers: Notes from the Quay” and" in doc.text


def test_a_page_read_again_is_not_extracted_again() -> None:
    """A batch's targets often share a page: the same bytes at the same address give the
    Document extracted the first time; other bytes there are read anew."""
    first = extract_cached(page(ARTICLE))
    assert first == extract(page(ARTICLE))
    assert extract_cached(page(ARTICLE)) is first
    changed = extract_cached(page(ARTICLE.replace("since 2021", "since 2022")))
    assert "since 2022" in changed.text and changed is not first


@pytest.mark.parametrize("html", [TRICKY, *(p.read_text() for p in sorted(PAGES.glob("*.html")))],
                         ids=["tricky", *(p.name for p in sorted(PAGES.glob("*.html")))])
def test_a_main_text_read_in_a_forked_process_is_the_same(
        html: str, monkeypatch: pytest.MonkeyPatch) -> None:
    alone = extract_stage._from_html(URL, html)
    # trafilatura's main text read apart from its metadata is the text it reads with it
    meta, main = extract_stage._main_text(html, URL)
    assert extract_stage._metadata(html, URL) == meta
    assert extract_stage._content_blocks(html, URL) == main
    monkeypatch.setattr(extract_stage, "FORK_AT_CHARS", 0)  # these pages are small
    monkeypatch.setitem(extract_stage._forking, "allowed", True)
    # other tests' page servers may have left idle threads in this process: fork anyway
    monkeypatch.setattr(extract_stage.threading, "active_count", lambda: 1)
    forked = extract_stage._Forked.start(extract_stage._content_blocks, html, URL)
    assert forked is not None
    assert forked.result() == (main,)
    assert extract_stage._from_html(URL, html) == alone


def test_a_main_text_is_read_in_this_process_unless_forking_is_allowed() -> None:
    assert not extract_stage._forking["allowed"]  # only `dossier build`'s reading process
    assert extract_stage._Forked.start(extract_stage._content_blocks, TRICKY, URL) is None


def test_a_shared_page_is_extracted_once_for_all_processes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    html = (PAGES / "bio.html").read_text()
    shared = extract_stage.SharedPages(tmp_path, frozenset({URL}))
    first = shared.extract(page(html))
    [left] = tmp_path.glob("*.pickle")  # for the other processes
    # another process: its own cache is empty, the Document comes from the folder
    monkeypatch.setattr(extract_stage, "_extracted",
                        extract_stage._Extracted(extract_stage.EXTRACTED_CHARS))
    monkeypatch.setattr(extract_stage, "extract", lambda page: pytest.fail("extracted again"))
    assert shared.extract(page(html)) == first
    assert sorted(p.suffix for p in tmp_path.iterdir()) == [".lock", ".pickle"]
    other = page(html, url="https://news.example.org/elsewhere")  # not shared: not left
    monkeypatch.undo()
    assert shared.extract(other).text == first.text
    assert list(tmp_path.glob("*.pickle")) == [left]


def test_a_shared_page_whose_folder_is_gone_is_extracted_here(tmp_path: Path) -> None:
    shared = extract_stage.SharedPages(tmp_path / "gone", frozenset({URL}))
    doc = shared.extract(page((PAGES / "interview.html").read_text()))
    assert doc.text and not (tmp_path / "gone").exists()
