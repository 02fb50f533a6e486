"""Snapshot the facts found on a set of pages, to check that a speed change changes none.

    python benchmarks/facts_snapshot.py FOLDER... --out after.json
    python benchmarks/facts_snapshot.py --compare before.json after.json
    python benchmarks/facts_snapshot.py FOLDER... --split --out split.json

The folders are read as benchmarks/prefilter_savings.py reads them (eval case folders with a
gold.yaml, or a folder with a MANIFEST.tsv: each listed person is a target). For each case it
records every fact the extractor finds, unmerged: category, fields, and each evidence's URL,
quote and offset. Take a snapshot before a change (in a checkout of the old code, or with the
old dependency installed) and after it, then compare: the comparison lists the cases whose
facts differ and exits 1 if any do. It also prints the CPU seconds the snapshot took.
With --split, each case's units (pages, sections of a filing) are read in two processes, as
`dossier build` reads them (pipeline._read_in_two): compare with a snapshot without it.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from prefilter_savings import cases, read_pages  # noqa: E402

from dossier import pipeline  # noqa: E402
from dossier.facts import Reading, find_facts  # noqa: E402
from dossier.models import Document, Fact, Target  # noqa: E402
from dossier.pipeline import Engine  # noqa: E402
from dossier.settings import load_settings  # noqa: E402


def snapshot(folders: list[Path], split: bool = False) -> dict[str, list[str]]:
    """Case name -> the sorted facts of the case, each as a JSON string; with `split`, the
    lines of each case are parsed in two processes, as `dossier build` parses them."""
    engine = Engine.create(load_settings())
    docs: dict[Path, Document | None] = {}
    out: dict[str, list[str]] = {}
    for folder in folders:
        for number, case in enumerate(cases(folder)):
            pages = read_pages(case, docs)
            with engine.nlp.memory_zone():
                if split:
                    facts = _split_facts(pages, Target(case.target), engine)
                else:
                    facts = find_facts(pages, Target(case.target), engine.nlp, engine.lexicons)
                out[f"{folder.name}/{number} {case.target}"] = sorted(map(_as_json, facts))
    return out


def _split_facts(pages: list[Document], target: Target, engine: Engine) -> list[Fact]:
    """find_facts, with the units read in two processes (pipeline._read_in_two) even where
    the pages are too short for `dossier build` to split them."""
    reading = Reading.prepare(pages, target, engine.nlp, engine.lexicons)
    limit, pipeline.SPLIT_MIN_CHARS = pipeline.SPLIT_MIN_CHARS, 0
    try:
        found = pipeline._read_in_two(reading, engine, None)
    finally:
        pipeline.SPLIT_MIN_CHARS = limit
    return reading.finish(found if found is not None else
                          reading.read(range(len(reading.units)), engine.nlp))


def _as_json(fact: Fact) -> str:
    evidence = [(e.url, e.quote, e.start, e.end) for e in fact.evidence]
    return json.dumps([fact.category, fact.fields, evidence], sort_keys=True, default=str)


def compare(before: dict[str, list[str]], after: dict[str, list[str]]) -> list[str]:
    """The cases whose facts differ (or that only one snapshot has)."""
    return sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path)
    parser.add_argument("--out", type=Path, help="write the snapshot to this JSON file")
    parser.add_argument("--compare", nargs=2, type=Path, metavar=("BEFORE", "AFTER"),
                        help="compare two snapshots instead of taking one")
    parser.add_argument("--split", action="store_true",
                        help="parse each case's lines in two processes, as `dossier build` does")
    args = parser.parse_args(argv)
    if args.compare:
        before, after = (json.loads(p.read_text("utf-8")) for p in args.compare)
        differ = compare(before, after)
        for name in differ:
            print(f"differs: {name}")
        facts = sum(map(len, after.values()))
        print(f"{len(after)} cases, {facts:,} facts; cases whose facts differ: {len(differ)}")
        return 1 if differ else 0
    if not args.folders or args.out is None:
        parser.error("give the folders to read and --out FILE (or --compare BEFORE AFTER)")
    started = time.process_time()
    taken = snapshot(args.folders, args.split)
    args.out.write_text(json.dumps(taken, indent=0), "utf-8")
    print(f"{len(taken)} cases, {sum(map(len, taken.values())):,} facts, "
          f"{time.process_time() - started:.1f} CPU seconds -> {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
