"""`python -m dossier`: the same entry point as the `dossier` console script."""

from .cli import main

if __name__ == "__main__":
    main()
