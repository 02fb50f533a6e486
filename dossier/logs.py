"""Where log records go: dossier's own to stderr; the libraries' (pypdf, trafilatura) only
with --debug, since a failed page is already reported once, as dossier words it."""

from __future__ import annotations

import logging

OWN = "dossier"
FORMAT = "%(levelname)s %(name)s: %(message)s"


def _own(record: logging.LogRecord) -> bool:
    return record.name == OWN or record.name.startswith(OWN + ".")


def configure(level: int) -> None:
    """Log to stderr at `level`; below DEBUG only dossier's records pass. Does nothing when
    the process already has a root handler (a test runner's, an embedding program's)."""
    handler = logging.StreamHandler()
    handler.setFormatter(logging.Formatter(FORMAT))
    if level > logging.DEBUG:
        handler.addFilter(_own)
    logging.basicConfig(level=level, handlers=[handler])
