"""Discovery: which links of a page are likely about the target, in what order, and within budget.

Pure decisions on URLs, links and text; the pipeline does the fetching and extraction.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from .budget import Budget
from .errors import NotAllowedContent, RobotsDisallowed, SourceError, TooLarge
from .lexicons import Lexicons
from .models import Document, FetchError, Link, Origin, Page, Source, SourceStatus, Target
from .names import NameForms, classify_name, fold, name_forms
from .settings import DiscoverSettings

log = logging.getLogger(__name__)

# Link scores, calibrated on the dev cases' seed pages: every link to a page about the target
# scores at least MIN_SCORE, while navigation links ("About", "News" in the menu) and body
# links with no hint at all score below it.
NAME_IN_TEXT = 3  # the target's surname on the link itself: "Q&A: Adaeze Nwosu on ..."
NAME_IN_URL = 2  # /team/adaeze-nwosu
WORD_IN_TEXT = 2  # "Board of Trustees", "Interview", "Speaker profile"
WORD_IN_URL = 1  # /press-release.html, /news/...
HINT_AROUND = 1  # the heading or paragraph around the link names the target or a link word
IN_BODY = 1  # in the page body rather than the site's menus
MIN_SCORE = 2
# At most this many links per page are candidates; a bio links to a handful of pages about
# the person, so a page offering more is a directory or a link farm and only its best count.
MAX_LINKS_PER_PAGE = 50
# Addresses that are files, never pages (PDF is a page: it is read with a PDF library).
NOT_PAGES = re.compile(
    r"\.(?:jpe?g|png|gif|svg|webp|ico|bmp|tiff?|css|js|json|xml|rss|atom|zip|gz|tgz|tar|7z|rar|"
    r"mp3|mp4|m4a|wav|ogg|mov|avi|webm|docx?|xlsx?|pptx?|exe|dmg|apk|woff2?|ttf|eot|ics)$", re.I)
# Query parameters that only track where a click came from; removing them never changes a page.
TRACKING_PARAMS = re.compile(
    r"^(?:utm_\w+|fbclid|gclid|dclid|gbraid|wbraid|msclkid|yclid|mc_cid|mc_eid|_ga|_gl|igshid|"
    r"ref_src|ref_url|spm|cmpid|ocid|s_cid|trk|trkCampaign|__s|mkt_tok|vero_id|_hsenc|_hsmi)$",
    re.I)
DEFAULT_PORTS = {"http": 80, "https": 443}
# Link text shaped like a name: two to four capitalised words ("Dr. Martin Osgood").
NAME_LIKE = re.compile(r"(?:[A-Z][\w'’.\-]*\s+){1,3}[A-Z][\w'’\-]*")


def canonical_url(url: str) -> str:
    """One spelling per page: lower-case scheme and host, no default port, no fragment,
    no tracking parameters, the rest of the query sorted; non-URLs are returned as given."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:  # malformed ("http://[::1/", a port that is not a number): as written
        return url.strip()
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS:
        return url.strip()
    host = (parts.hostname or "").lower()
    netloc = host if port in (None, DEFAULT_PORTS[scheme]) else f"{host}:{port}"
    query = sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                   if not TRACKING_PARAMS.match(k))
    return urlunsplit((scheme, netloc, parts.path or "/", urlencode(query), ""))


def _phrases(words: Iterable[str], plural: bool = True) -> re.Pattern[str] | None:
    """A regex finding any of the phrases as whole words (or their plural), on folded text."""
    forms = sorted({fold(w).strip() for w in words if w.strip()}, key=len, reverse=True)
    if not forms:
        return None
    alternatives = "|".join(re.escape(f).replace(r"\ ", r"[\s\-_]+") for f in forms)
    ending = "s?" if plural else ""
    return re.compile(rf"(?<![\w])(?:{alternatives}){ending}(?![\w])")


@dataclass
class TargetNames:
    """How the target's name is recognised on links and in page text."""

    full_name: str
    forms: NameForms
    surname_re: re.Pattern[str]
    any_name_re: re.Pattern[str]

    @classmethod
    def create(cls, target: Target, lexicons: Lexicons) -> TargetNames:
        forms = name_forms([target.name, *target.aliases], lexicons)
        surnames = forms.surnames or {fold(target.name)}
        never = re.compile(r"(?!)")
        return cls(target.name, forms, _phrases(surnames, plural=False) or never,
                   _phrases(surnames | forms.given, plural=False) or never)

    def mentioned_in(self, text: str) -> bool:
        """True when the text names the target (given name and surname, or an alias), not
        merely someone who shares the surname."""
        folded = fold(text)
        for match in self.surname_re.finditer(folded):
            if not self.forms.given:  # a one-word name: the word is all there is
                return True
            before = folded[max(0, match.start() - 80):match.start()].split()[-3:]
            after = folded[match.end():match.end() + 12].split()[:1]
            suffix = [w for w in after if w.strip(".,") in self.forms.suffixes]
            candidate = " ".join([*before, match.group(0), *suffix])
            if classify_name(candidate, self.forms) == "target":
                return True
        return False


@dataclass(frozen=True, slots=True)
class Candidate:
    """A page to read: where it was found, how many links from a seed, and how promising."""

    url: str
    depth: int = 0
    found_on: str | None = None
    score: float = 0.0


@dataclass
class LinkJudge:
    """Scores a page's links for how likely they lead to more about the target."""

    names: TargetNames
    words: re.Pattern[str] | None
    skip: re.Pattern[str] | None
    side: re.Pattern[str] | None = None

    @classmethod
    def create(cls, names: TargetNames, options: DiscoverSettings) -> LinkJudge:
        return cls(names, _phrases(options.link_words), _phrases(options.skip_words),
                   _phrases(options.side_sections, plural=False))

    def score(self, link: Link) -> float:
        """The link's score; 0 for links that are never followed (files, logins, other schemes)."""
        try:
            parts = urlsplit(link.url)
            _ = parts.port  # raises for a port that is not a number or out of range
        except ValueError:  # a malformed address is never followed
            return 0.0
        text, path = fold(link.text), fold(_path_words(parts.path))
        if parts.scheme not in ("http", "https") or NOT_PAGES.search(parts.path):
            return 0.0
        if self.skip is not None and (self.skip.search(text) or self.skip.search(path)):
            return 0.0
        if self._names_someone_else(link.text, parts.path):
            return 0.0
        score = NAME_IN_TEXT if self.names.surname_re.search(text) else 0
        score += NAME_IN_URL if self.names.surname_re.search(path) else 0
        if link.nav or self._aside(link.section):
            return float(score)  # menus and "Related stories" name other subjects
        score += WORD_IN_TEXT if self._has_word(text) else 0
        score += WORD_IN_URL if self._has_word(path) else 0
        context = fold(link.context)
        if self.names.any_name_re.search(context) or self._has_word(context):
            score += HINT_AROUND
        return float(score + IN_BODY)

    def _names_someone_else(self, anchor: str, path: str) -> bool:
        """A link named for a person (or body) other than the target whose address is that
        name, as in "Karl Halvorsen, CEO" -> /leadership/karl-halvorsen/: their own page."""
        anchor = re.split(r"\s*[,(|–—]\s*|\s+-\s+", anchor.strip())[0]
        if not NAME_LIKE.fullmatch(anchor) or self.names.surname_re.search(fold(anchor)):
            return False
        last = _slug(PurePosixPath(path.rstrip("/")).stem)
        if not last:
            return False
        if last == _slug(anchor):
            return True
        # a surname alone in the address (/speakers/osgood) only when the text is surely a
        # person's name: "Memphis Roundtable" -> /roundtable.html is a page worth reading
        titled = fold(anchor.split()[0]).strip(".") in self.names.forms.honorifics
        return titled and last == _slug(anchor.split()[-1])

    def _aside(self, section: str) -> bool:
        """A side section ("Related stories"), unless its heading names the target."""
        heading = fold(section).strip()
        return (self.side is not None and self.side.match(heading) is not None
                and self.names.any_name_re.search(heading) is None)

    def _has_word(self, text: str) -> bool:
        return self.words is not None and self.words.search(text) is not None

    def candidates(self, doc: Document, parent: Candidate) -> list[Candidate]:
        """The links of doc worth reading next, best first, at most MAX_LINKS_PER_PAGE."""
        best: dict[str, Candidate] = {}
        here = canonical_url(doc.url)
        for link in doc.links:
            key = canonical_url(link.url)
            score = self.score(link)
            if key == here or score < MIN_SCORE:
                log.debug("not following %s from %s (score %.0f)", link.url, doc.url, score)
                continue
            if key not in best or best[key].score < score:
                best[key] = Candidate(key, parent.depth + 1, parent.url, score)
        ranked = sorted(best.values(), key=lambda c: -c.score)
        if len(ranked) > MAX_LINKS_PER_PAGE:
            log.warning("%s offers %d links that look relevant; following the best %d",
                        doc.url, len(ranked), MAX_LINKS_PER_PAGE)
        return ranked[:MAX_LINKS_PER_PAGE]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")


def _path_words(path: str) -> str:
    return re.sub(r"[/_.+\-%0-9]+", " ", path)


@dataclass
class Frontier:
    """Pages still to read, each canonical URL once, shallowest first, best first within a
    depth, and never more than max_pages in all (seeds are always read)."""

    max_pages: int
    max_depth: int
    pending: list[Candidate] = field(default_factory=list)
    over_budget: list[Candidate] = field(default_factory=list)
    taken: int = 0
    _seen: dict[str, str] = field(default_factory=dict)  # canonical URL -> URL first read

    @classmethod
    def from_seeds(cls, seeds: Sequence[str], max_pages: int, max_depth: int) -> Frontier:
        frontier = cls(max_pages, max_depth)
        frontier.add(Candidate(url.strip()) for url in seeds if url.strip())
        return frontier

    def add(self, candidates: Iterable[Candidate]) -> None:
        for cand in candidates:
            key = canonical_url(cand.url)
            if key in self._seen or cand.depth > self.max_depth:
                continue
            self._seen[key] = cand.url
            self.pending.append(cand)

    def seen_as(self, url: str, requested: str) -> str | None:
        """The URL under which a redirect target was already read, or None (and remember it)."""
        key = canonical_url(url)
        first = self._seen.setdefault(key, requested)
        return None if first == requested else first

    def drain(self) -> list[Candidate]:
        """Every page still pending (none is left to take)."""
        pending, self.pending = self.pending, []
        return pending

    def take(self) -> list[Candidate]:
        """The next batch: every pending page of the shallowest depth that fits the budget."""
        if not self.pending:
            return []
        depth = min(c.depth for c in self.pending)
        level = sorted((c for c in self.pending if c.depth == depth), key=lambda c: -c.score)
        self.pending = [c for c in self.pending if c.depth != depth]
        room = len(level) if depth == 0 else max(0, self.max_pages - self.taken)
        batch, rest = level[:room], level[room:]
        self.over_budget.extend(rest)
        self.taken += len(batch)
        return batch


# Rejections that are our choice (policy or limits) rather than a failure of the page.
SKIPPED_ERRORS = (RobotsDisallowed, NotAllowedContent, TooLarge)


@dataclass
class Crawl:
    """Reads the seeds and, when discovery is on, the pages they link to about the target.

    Fetching and extraction are passed in, so this stage imports neither; every page that is
    not used is recorded as a skipped or failed source with its reason.
    """

    frontier: Frontier
    names: TargetNames | None = None
    judge: LinkJudge | None = None
    docs: list[Document] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    errors: list[FetchError] = field(default_factory=list)

    @classmethod
    def create(cls, seeds: Sequence[str], target: Target | None = None,
               lexicons: Lexicons | None = None,
               options: DiscoverSettings | None = None) -> Crawl:
        names = TargetNames.create(target, lexicons) if target and lexicons else None
        if names is None or options is None or not options.enabled:
            return cls(Frontier.from_seeds(seeds, len(seeds), 0), names)
        frontier = Frontier.from_seeds(seeds, options.max_pages, options.depth)
        return cls(frontier, names, LinkJudge.create(names, options))

    def run(self, fetch_all: Callable[[Sequence[str]], Sequence[Page | SourceError]],
            extract: Callable[[Page], Document], budget: Budget | None = None) -> None:
        """Read the frontier, batch by batch; once `budget` is spent, no page is fetched or
        extracted any more, and each one left is a skipped source."""
        budget = budget or Budget(None)
        while not budget.spent() and (batch := self.frontier.take()):
            for cand, result in zip(batch, fetch_all([c.url for c in batch]), strict=True):
                if budget.spent():
                    self._stopped(cand, budget)
                else:
                    self._read(cand, result, extract)
        for cand in self.frontier.drain():
            self._stopped(cand, budget)
        for cand in self.frontier.over_budget:
            self._skip(cand, f"not read: over the limit of {self.frontier.max_pages} pages "
                             "(--max-pages)")

    def _stopped(self, cand: Candidate, budget: Budget) -> None:
        self._skip(cand, f"not read: stopped after {budget.seconds:g} s (limits.target_seconds)")
        budget.leave("pages")

    def _read(self, cand: Candidate, result: Page | SourceError,
              extract: Callable[[Page], Document]) -> None:
        if isinstance(result, SourceError):
            return self._fail(cand, result)
        try:
            doc = extract(result)
        except SourceError as exc:
            return self._fail(cand, exc)
        first = self.frontier.seen_as(result.final_url, cand.url)
        if first is not None:
            return self._skip(cand, f"same page as {first}", doc)
        if cand.depth and self.names and not self.names.mentioned_in(f"{doc.title}\n{doc.text}"):
            return self._skip(cand, f"does not mention {self.names.full_name}", doc)
        self.docs.append(doc)
        self.sources.append(Source(url=cand.url, status="ok", kind=doc.kind, title=doc.title,
                                   date=doc.date, origin=_origin(cand), found_on=cand.found_on))
        if self.judge is not None and cand.depth < self.frontier.max_depth:
            self.frontier.add(self.judge.candidates(doc, cand))
        return None

    def _skip(self, cand: Candidate, reason: str, doc: Document | None = None) -> None:
        log.info("skipped %s: %s", cand.url, reason)
        self.sources.append(Source(
            url=cand.url, status="skipped", kind=doc.kind if doc else "other",
            title=doc.title if doc else None, error=reason, origin=_origin(cand),
            found_on=cand.found_on))

    def _fail(self, cand: Candidate, exc: SourceError) -> None:
        """A page that could not be used; a seed's failure is also reported as an error."""
        status: SourceStatus = "skipped" if isinstance(exc, SKIPPED_ERRORS) else "error"
        log.info("source %s %s: %s", cand.url, status, exc)
        self.sources.append(Source(url=cand.url, status=status, error=str(exc),
                                   origin=_origin(cand), found_on=cand.found_on))
        if cand.depth == 0:
            self.errors.append(FetchError(url=cand.url, message=str(exc)))


def _origin(cand: Candidate) -> Origin:
    return "seed" if cand.depth == 0 else "discovered"
