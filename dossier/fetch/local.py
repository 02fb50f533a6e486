"""Saved pages on disk (HTML, text, Markdown, PDF) read as Pages, with the same size limit."""

from __future__ import annotations

import mimetypes
import re
import stat
from pathlib import Path

from ..errors import TooLarge, Unreadable
from ..models import Page

LOCAL_TYPES = {".html": "text/html", ".htm": "text/html", ".txt": "text/plain",
               ".md": "text/markdown", ".markdown": "text/markdown", ".pdf": "application/pdf",
               ".xhtml": "application/xhtml+xml"}


def read_local(path_text: str, max_bytes: int) -> Page:
    """A saved HTML, text or PDF file as a Page."""
    if "\0" in path_text:  # the operating system would refuse it with a ValueError
        raise Unreadable(f"not a file name (it contains a NUL character): {path_text!r}")
    path = Path(path_text[7:] if path_text.startswith("file://") else path_text).expanduser()
    try:
        if path.is_dir():
            raise Unreadable(f"{path} is a directory, not a page")
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # /dev/zero never ends, a FIFO blocks on open
            raise Unreadable(f"{path} is not a regular file (a device, pipe or socket)")
        if info.st_size > max_bytes:
            raise TooLarge(f"file is {info.st_size:,} bytes, over the {max_bytes:,}-byte limit")
        with path.open("rb") as handle:  # capped: a file may grow after the stat
            body = handle.read(max_bytes + 1)
        if len(body) > max_bytes:
            raise TooLarge(f"file is over the {max_bytes:,}-byte limit")
    except FileNotFoundError as exc:
        raise Unreadable(f"no such file: {path}{_web_hint(path_text)}") from exc
    except PermissionError as exc:
        raise Unreadable(f"permission denied: {path}") from exc
    except OSError as exc:
        raise Unreadable(f"cannot read {path}: {exc.strerror or exc}") from exc
    ctype = LOCAL_TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0] or ""
    if not ctype:
        ctype = "text/html" if body.lstrip()[:1] == b"<" else "text/plain"
    uri = path.resolve().as_uri()
    return Page(url=uri, final_url=uri, status_code=200, content_type=ctype, body=body)


# A missing "file" whose first part looks like a host name (example.com/people/jane).
HOST_LIKE = re.compile(r"^(?:[a-z0-9-]+\.)+[a-z]{2,}(?::\d+)?(?:/|$)", re.I)


def _web_hint(text: str) -> str:
    """A hint for a web address written without https://; not for bio.html, a file name."""
    if not HOST_LIKE.match(text) or ("/" not in text and Path(text).suffix.lower() in LOCAL_TYPES):
        return ""
    return f" (for a web page write https://{text})"
