"""The attribute ruler alone: spaCy's AttributeRuler against dossier's indexed one.

    python benchmarks/attribute_ruler_bench.py [--targets 4] [--pages 10] [--rounds 5]

Extracts the text of generated pages (benchmarks/corpus.py), tags and parses its lines once
with the model's tok2vec, tagger and parser, then times each ruler over copies of those docs,
best of `--rounds`, and prints seconds per 10,000 tokens. The two must leave the same
annotations; the script checks that before it reports.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import pages_of, people  # noqa: E402

from dossier.extract import extract  # noqa: E402
from dossier.models import Page  # noqa: E402
from dossier.nlp import installed_model  # noqa: E402
from dossier.nlp.attribute_index import IndexedAttributeRuler  # noqa: E402
from dossier.settings import load_settings  # noqa: E402


def lines(targets: int, pages: int) -> list[str]:
    out: list[str] = []
    for person in people(targets):
        for page in pages_of(person, pages, 1500, seed=7):
            url = f"http://bench.example{page.path}"
            text = extract(Page(url=url, final_url=url, status_code=200,
                                content_type="text/html", body=page.body)).text
            out += [line for line in text.split("\n") if line.strip()]
    return out


def best_of(rounds: int, ruler: Callable[[Doc], Doc], docs: list[Doc]) -> float:
    times = []
    for _ in range(rounds):
        copies = [doc.copy() for doc in docs]
        started = time.perf_counter()
        for doc in copies:
            ruler(doc)
        times.append(time.perf_counter() - started)
    return min(times)


def annotations(docs: list[Doc]) -> list[list[tuple[str, ...]]]:
    return [[(t.tag_, t.pos_, str(t.morph), t.lemma_) for t in doc] for doc in docs]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--targets", type=int, default=4)
    parser.add_argument("--pages", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    nlp = installed_model(load_settings(None).nlp)
    stock = nlp.get_pipe("attribute_ruler")
    assert isinstance(stock, AttributeRuler)
    indexed = IndexedAttributeRuler(nlp.vocab)
    indexed.add_patterns(stock.patterns)
    with nlp.select_pipes(enable=["tok2vec", "tagger", "parser"]):
        docs = list(nlp.pipe(lines(args.targets, args.pages)))
    tokens = sum(len(doc) for doc in docs)
    ours = [indexed(doc.copy()) for doc in docs]
    if annotations(ours) != annotations([stock(doc.copy()) for doc in docs]):
        print("the indexed ruler annotates differently from spaCy's", file=sys.stderr)
        return 1
    per = 10_000 / tokens
    spacy_s = best_of(args.rounds, stock, docs) * per
    ours_s = best_of(args.rounds, indexed, docs) * per
    print(f"{len(docs)} lines, {tokens} tokens; seconds per 10,000 tokens (best of "
          f"{args.rounds}): spaCy AttributeRuler {spacy_s:.4f}, indexed {ours_s:.4f} "
          f"({spacy_s / ours_s:.1f}x)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
