"""When a request is tried again: urllib3's Retry, configured from the fetch settings."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from urllib3 import BaseHTTPResponse, Retry
from urllib3.exceptions import InvalidHeader, NameResolutionError, ReadTimeoutError

from ..settings import FetchSettings
from .transport import current_deadline, restart_deadline

if TYPE_CHECKING:
    from typing_extensions import Self

log = logging.getLogger(__name__)

# Answers worth asking again: rate limited (429), and a server or gateway that says it is
# briefly unavailable (502, 503, 504). A plain 500 is a broken page, not a busy one: one ask.
RETRY_STATUSES = frozenset({429, 502, 503, 504})
# Failures a second attempt would only repeat: a host name that does not resolve, a server
# silent for the whole read timeout. (An attempt that overran the total deadline neither.)
FINAL_ERRORS = (NameResolutionError, ReadTimeoutError)


class PoliteRetry(Retry):
    """Retry idempotent requests on dropped or refused connections and on RETRY_STATUSES,
    after the server's Retry-After (capped) or urllib3's exponential backoff."""

    @classmethod
    def from_settings(cls, settings: FetchSettings) -> PoliteRetry:
        return cls(
            total=settings.retries,
            other=0,  # a TLS or protocol error is not cured by asking again
            allowed_methods=Retry.DEFAULT_ALLOWED_METHODS,  # idempotent methods only
            status_forcelist=RETRY_STATUSES,
            backoff_factor=settings.backoff,
            retry_after_max=settings.max_retry_after,
            raise_on_status=False,  # the last 503 is returned, and reported as "HTTP 503"
        )

    def increment(self, *args: Any, **kwargs: Any) -> Self:
        error = kwargs.get("error")
        deadline = current_deadline()
        if isinstance(error, FINAL_ERRORS) or (deadline is not None and deadline.expired):
            return Retry.increment(self.new(total=0), *args, **kwargs)  # raises MaxRetryError
        return super().increment(*args, **kwargs)

    def get_retry_after(self, response: BaseHTTPResponse) -> float | None:
        """Seconds the server asked us to wait (at most retry_after_max); None, so the
        backoff applies, when it did not say or said it unreadably ('soon', '-4')."""
        try:
            return super().get_retry_after(response)
        except InvalidHeader:
            return None

    def sleep(self, response: BaseHTTPResponse | None = None) -> None:
        if self.history:
            log.info("retrying %s (attempt %d)", self.history[-1].url, len(self.history) + 1)
        super().sleep(response)
        restart_deadline()  # each attempt gets the whole total deadline
