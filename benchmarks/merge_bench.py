"""Time the merge on many facts, and check it groups exactly as comparing every pair did.

    python benchmarks/merge_bench.py                      # 1,500 and 5,000 generated facts
    python benchmarks/merge_bench.py --sizes 1500 5000 20000 --snapshot after.json

For each size it generates a fact list (tests/merge_reference.py: organizations written in
full, by their first word, as acronyms, with legal suffixes; abbreviated and missing titles),
times `dossier.merge.merge` on it, then the all-pairs reference, and says whether the two
outputs are equal. `--snapshot` also merges every case of a benchmarks/facts_snapshot.py file
(the real facts of the eval pages, unmerged) both ways. Exits 1 if any output differs.
The reference uses today's cached word folding, so it runs faster than the old code did.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from merge_reference import all_pairs_merge, generated_facts  # noqa: E402

from dossier import merge as merge_stage  # noqa: E402
from dossier.models import Evidence, Fact  # noqa: E402

TODAY = date(2025, 6, 1)


def timed(func: Callable[[Sequence[Fact]], list[Fact]], facts: Sequence[Fact]
          ) -> tuple[list[Fact], float]:
    """The output and the seconds of one cold run (the word cache emptied first)."""
    clear = getattr(merge_stage, "_folded_words", None)
    if clear is not None:
        clear.cache_clear()
    started = time.perf_counter()
    out = func(facts)
    return out, time.perf_counter() - started


def snapshot_facts(path: Path) -> dict[str, list[Fact]]:
    """The facts of each case of a facts_snapshot.py file (confidence and rule not kept)."""
    cases = json.loads(path.read_text("utf-8"))
    out: dict[str, list[Fact]] = {}
    for name, facts in cases.items():
        out[name] = []
        for text in facts:
            category, fields, evidence = json.loads(text)
            out[name].append(Fact(category, fields, tuple(Evidence(*e) for e in evidence)))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1500, 5000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--snapshot", type=Path, nargs="*", default=[])
    parser.add_argument("--no-reference", action="store_true", help="time the merge only")
    args = parser.parse_args(argv)
    new = lambda facts: merge_stage.merge(facts, today=TODAY)  # noqa: E731
    old = lambda facts: all_pairs_merge(facts, today=TODAY)  # noqa: E731
    differ = 0
    for size in args.sizes:
        facts = generated_facts(size, args.seed)
        merged, seconds = timed(new, facts)
        line = f"{size:>7,} facts -> {len(merged):,} merged: merge {seconds:.3f} s"
        if not args.no_reference:
            reference, ref_seconds = timed(old, facts)
            differ += merged != reference
            line += f", all pairs {ref_seconds:.3f} s, same output: {merged == reference}"
        print(line)
    for path in args.snapshot:
        cases = snapshot_facts(path)
        bad = [name for name, facts in cases.items() if new(facts) != old(facts)]
        for name in bad:
            print(f"differs: {name}")
        print(f"{path}: {len(cases)} cases, {sum(map(len, cases.values())):,} facts; "
              f"cases whose merge differs: {len(bad)}")
        differ += len(bad)
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
