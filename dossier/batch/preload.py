"""Imported by the fork server of `dossier batch` (see _worker_context): loads the engine
the client named, once, before the workers are forked from the fork server."""

from . import preload_engine

preload_engine()
