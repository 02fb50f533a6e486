"""Every exception the tool raises on purpose, who raises it, and the exit codes."""

from __future__ import annotations

from enum import IntEnum


class ExitStatus(IntEnum):
    """Process exit codes (httpie's `ExitStatus` is the model); the CLI is the only place
    that chooses one."""

    OK = 0
    # A runtime failure (unwritable output, unreachable Dask scheduler, no spaCy model, a bug),
    # or the run ended but no source could be read (build) or a target failed (batch).
    ERROR = 1
    USAGE = 2  # bad arguments, config, profile or job file
    INTERRUPTED = 130  # Ctrl-C
    TERMINATED = 143  # SIGTERM (128 + 15), as a shell reports a process it ended


class DossierError(Exception):
    """Base: a failure to show the user as one line, without a traceback. Raised as such for
    a runtime failure (exit 1): output that cannot be written, a Dask scheduler out of reach."""

    exit_status = ExitStatus.ERROR


class UsageError(DossierError):
    """Raised by the CLI, render and batch for a bad argument (exit 2)."""

    exit_status = ExitStatus.USAGE


class ConfigError(UsageError):
    """Raised by settings, lexicons and profile loading for invalid user input."""


class JobError(UsageError):
    """Raised by batch for an invalid job file; the message names file, line and field."""


class ModelError(DossierError):
    """Raised by nlp when the configured spaCy model cannot be loaded (exit 1)."""


class Terminated(KeyboardInterrupt):
    """Raised by batch when the client gets SIGTERM: the run stops as on Ctrl-C (workers
    stopped, index and plan written); a KeyboardInterrupt, so no `except Exception` eats it."""


class SourceError(Exception):
    """Raised by fetch and extract for one URL; recorded on the source, the run goes on."""


class FetchFailed(SourceError):
    """Network failure: DNS, refused connection, timeout, too many redirects, HTTP error."""


class RobotsDisallowed(SourceError):
    """robots.txt forbids this URL for our User-Agent."""


class NotAllowedContent(SourceError):
    """The response is not HTML, text or PDF."""


class TooLarge(SourceError):
    """The body (after decompression) is over the size limit."""


class NotCached(SourceError):
    """Offline mode and the URL is not in the cache."""


class Unreadable(SourceError):
    """The content could not be turned into text (binary, empty, undecodable)."""
