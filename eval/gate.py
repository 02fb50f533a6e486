"""The eval gate: score gold sets with ../shared/eval/score.py and fail below pinned floors.

    python eval/gate.py                 # every set in eval/floors.yaml
    python eval/gate.py --only dev      # one set

Each set has a floor for micro-F1, precision and hook hit@3, and for the F1 of every category
with at least MIN_GOLD gold facts. Floors are the scores measured when they were pinned, less
a small margin; raise them when the scores rise, never lower them to let a change through.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SCORER = ROOT.parent / "shared" / "eval" / "score.py"
# A category's F1 is gated only when it has this many gold facts: fewer make it too jumpy.
MIN_GOLD = 10


def score(cases: Path) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "result.json"
        run = subprocess.run([sys.executable, str(SCORER), str(cases), "--json", str(out)],
                             capture_output=True, text=True)
        print("\n".join(ln for ln in run.stdout.splitlines() if "127.0.0.1" not in ln))
        if not out.exists():
            sys.exit(f"eval gate: the scorer wrote no result for {cases}:\n{run.stderr[-2000:]}")
        return json.loads(out.read_text())


def failures(name: str, result: dict, floors: dict) -> list[str]:
    silent = [c["case"] for c in result["cases"] if not c["ok"]]
    bad = [f"{name}: no JSON written for {', '.join(silent)}"] if silent else []
    overall = {"micro_f1": result["micro"]["f1"], "precision": result["micro"]["p"],
               "hook_hit3": result["hook_hit3"]}
    for key, floor in floors.get("overall", {}).items():
        if overall[key] < floor:
            bad.append(f"{name}: {key} {overall[key]:.3f} is below its floor {floor:.3f}")
    for category, floor in floors.get("categories", {}).items():
        row = result["summary"].get(category, {})
        if row.get("gold", 0) >= MIN_GOLD and row.get("f1", 0.0) < floor:
            bad.append(f"{name}: {category} F1 {row.get('f1', 0.0):.3f} is below {floor:.3f}")
    return bad


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", help="one set's name from eval/floors.yaml")
    args = ap.parse_args()
    config = yaml.safe_load((ROOT / "eval" / "floors.yaml").read_text())
    if not SCORER.exists():
        print(f"eval gate: no scorer at {SCORER}; skipped")
        return 0
    bad: list[str] = []
    for name, spec in config["sets"].items():
        if args.only and name != args.only:
            continue
        cases = (ROOT / spec["cases"]).resolve()
        if not cases.is_dir():
            print(f"eval gate: no cases at {cases}; {name} skipped")
            continue
        bad += failures(name, score(cases), spec.get("floors", {}))
    print("\n".join(bad) if bad else "eval gate: every floor holds")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
