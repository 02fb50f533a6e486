"""How much text the prefilter keeps from spaCy, and whether skipping the rest changes a fact.

    python benchmarks/prefilter_savings.py ../shared/eval/dev ../shared/realpages [--no-compare]

Each argument is an eval folder (case folders with a gold.yaml naming the target and its
pages) or a folder with a MANIFEST.tsv (columns local_file and persons: every person listed
is tried as the target of that page; pages listing none are read for "Maria Okafor", whom
they never name). For each case it prints the words of the extracted text and the share the
prefilter keeps; with comparison on (the default) it also runs the fact extractor on the
pages twice, parsing every line (nlp.skip_unrelated off) and only the kept lines (on, the
default), and says whether the facts differ. It exits 1 if any case's facts differ.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import yaml

from dossier.errors import SourceError
from dossier.extract import extract
from dossier.facts import _split_label, about_page, aliases_of, find_facts, paragraphs
from dossier.facts.prefilter import keep_mask, vocabulary
from dossier.fetch import read_local
from dossier.models import Document, Target
from dossier.names import name_forms
from dossier.pipeline import Engine
from dossier.settings import load_settings

NOBODY = "Maria Okafor"  # a target no page of the eval kit or the real pages names
MAX_BYTES = 50_000_000


@dataclass
class Case:
    group: str
    target: str
    files: list[Path]


def cases(folder: Path) -> Iterator[Case]:
    manifest = folder / "MANIFEST.tsv"
    if manifest.is_file():
        with manifest.open(encoding="utf-8") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                for name in _persons(row["persons"]) or [NOBODY]:
                    yield Case(folder.name, name, [folder / row["local_file"]])
        return
    for gold in sorted(folder.glob("*/gold.yaml")):
        data = yaml.safe_load(gold.read_text("utf-8"))
        pages = gold.parent / data.get("pages_dir", ".")  # real cases keep theirs elsewhere
        yield Case(folder.name, data["target"], [
            gold.parent / p["file"] if (gold.parent / p["file"]).is_file() else pages / p["file"]
            for p in data["pages"]])


def read_pages(case: Case, docs: dict[Path, Document | None]) -> list[Document]:
    """The case's pages that can be read, each extracted once whatever the cases sharing it
    (`docs` remembers them; None for a page that cannot be read)."""
    for path in case.files:
        if path not in docs:
            try:
                docs[path] = extract(read_local(str(path), MAX_BYTES))
            except SourceError:
                docs[path] = None
    return [d for d in (docs[p] for p in case.files) if d is not None]


def _persons(cell: str) -> list[str]:
    names = [re.sub(r"\(.*?\)|^.*: ", "", n).strip() for n in cell.split(";")]
    return [n for n in names if n and n != "-" and not re.search(
        r"\b(others|trustees|multiple|former|directors)\b", n)]


def shares(doc: Document, names: list[str], engine: Engine) -> tuple[int, int]:
    """The words of a page's extracted text, and the words of the lines the prefilter keeps."""
    forms = name_forms(names, engine.lexicons)
    raw = paragraphs(doc.text)
    lines = [_split_label(offset, line) for offset, line in raw]
    labelled = sum(1 for _, label, _ in lines if label) >= 2
    mask = keep_mask(lines, forms, about_page(doc, forms), labelled,
                     vocabulary(engine.nlp, engine.lexicons))
    words = [len(line.split()) for _, line in raw]
    return sum(words), sum(w for w, k in zip(words, mask, strict=True) if k)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", type=Path)
    parser.add_argument("--no-compare", dest="compare", action="store_false",
                        help="only count words; do not run the extractor")
    args = parser.parse_args(argv)
    engine = Engine.create(load_settings(None))
    docs: dict[Path, Document | None] = {}
    totals: dict[str, list[int]] = {}
    differing = 0
    for folder in args.folders:
        for case in cases(folder):
            pages = read_pages(case, docs)
            target = Target(case.target)
            names = [case.target, *aliases_of(target, pages, engine.lexicons)]
            counted = [shares(d, names, engine) for d in pages]
            words, kept = sum(c[0] for c in counted), sum(c[1] for c in counted)
            total = totals.setdefault(case.group, [0, 0, 0])
            total[0], total[1], total[2] = total[0] + words, total[1] + kept, total[2] + 1
            verdict = ""
            if args.compare:
                same = find_facts(pages, target, engine.nlp, engine.lexicons,
                                  skip_unrelated=False) == find_facts(
                    pages, target, engine.nlp, engine.lexicons, skip_unrelated=True)
                differing += not same
                verdict = "same facts" if same else "FACTS DIFFER"
            files = ",".join(p.name for p in case.files)[:48]
            print(f"{case.group:10} {case.target[:26]:26} {files:48} {words:7,} words, "
                  f"kept {kept / max(1, words):4.0%}  {verdict}")
    for group, (words, kept, count) in totals.items():
        print(f"{group}: {count} cases, {words:,} words, {kept:,} kept ({kept / words:.0%}), "
              f"{1 - kept / words:.0%} saved")
    if args.compare:
        print(f"cases whose facts differ: {differing}")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
