"""The wrong-person check: every page of a folder read for a name that is on none of them.

    python eval/nobody.py ../shared/realpages

Each page alone, as a seed, for "Zelda Quistorp": any fact found is a fact given to a person
who is not on the page. Prints each such fact and exits 1 if there is one.
"""

from __future__ import annotations

import sys
from pathlib import Path

from dossier.errors import DossierError
from dossier.extract import extract
from dossier.facts import find_facts
from dossier.fetch import read_local
from dossier.models import Target
from dossier.pipeline import Engine
from dossier.settings import load_settings

NOBODY = "Zelda Quistorp"
MAX_BYTES = 50_000_000


def main(folder: str) -> int:
    engine = Engine.create(load_settings(None, {}))
    pages = sorted(p for p in Path(folder).iterdir() if p.suffix in (".html", ".htm", ".md",
                                                                        ".txt", ".pdf"))
    wrong = 0
    for path in pages:
        try:
            doc = extract(read_local(str(path), MAX_BYTES))
        except DossierError:
            continue
        for fact in find_facts([doc], Target(NOBODY), engine.nlp, engine.lexicons):
            wrong += 1
            print(f"{path.name}: {fact.category} {fact.fields}")
    print(f"{len(pages)} pages, {wrong} facts given to {NOBODY}")
    return 1 if wrong else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
