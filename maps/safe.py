"""Escaping for untrusted text on its way into a map page.

Everything an article says (place names as written, evidence sentences, article
ids, URLs, notes) is untrusted: it may hold markup meant to run in the reader's
browser.  Two routes lead into a page and each has its own escaper:

- :func:`html_text` for text placed in HTML markup (legend, panels, titles);
- :func:`script_json` for data placed in an inline ``<script>``; the browser
  never parses it as HTML, and the page's JavaScript puts it into the DOM with
  ``textContent`` only.

Both also defuse Jinja2 delimiters (``{{``, ``{%``, ``{#``): folium renders the
output of an element's template as a template a second time, so text that
reaches a folium template unescaped would be executed by Jinja2.
"""

from __future__ import annotations

import html
import json
import math
import re
from typing import Any
from urllib.parse import urlsplit

__all__ = ["html_text", "script_json", "http_url"]

# Characters that could end a <script> element or open an HTML comment or CDATA
# section inside one, and the two line separators that older JavaScript engines
# refuse inside string literals.
_SCRIPT_ESCAPES = {
    ord("<"): "\\u003c",
    ord(">"): "\\u003e",
    ord("&"): "\\u0026",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}
# In JSON text a brace followed by another brace, a percent or a hash can only
# occur inside a string literal, where \u007b stands for the same brace.
_JINJA_OPEN = re.compile(r"\{(?=[{%#])")


def html_text(value: Any) -> str:
    """Return ``value`` as text that is safe inside HTML markup and attributes.

    Parameters
    ----------
    value : Any
        Anything; ``None`` becomes the empty string, other values ``str(value)``.

    Returns
    -------
    str
        The text with ``& < > " ' {`` replaced by character references.

    Examples
    --------
    >>> html_text('<img src=x onerror="alert(1)">')
    '&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'
    """
    if value is None:
        return ""
    return html.escape(str(value), quote=True).replace("{", "&#123;")


def script_json(value: Any) -> str:
    r"""Encode ``value`` as JSON that can be pasted into an inline ``<script>``.

    ``<``, ``>`` and ``&`` are written as ``\u003c``, ``\u003e`` and
    ``\u0026`` everywhere, so no ``</script>``, ``<!--`` or ``]]>`` can appear
    in the output; U+2028 and U+2029 are escaped too, and so is a ``{`` that
    would open a Jinja2 tag.  The result is still valid
    JSON and a valid JavaScript expression that evaluates to the same data.
    Non-finite floats become ``null``.

    Parameters
    ----------
    value : Any
        JSON-serializable data (dicts, lists, str, int, float, bool, None).

    Returns
    -------
    str
        Compact JSON text.

    Examples
    --------
    >>> script_json({"evidence": "</script><script>alert(1)</script>"})
    '{"evidence":"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e"}'
    """
    try:  # the encoder itself refuses non-finite floats: most data has none
        text = json.dumps(
            value, ensure_ascii=False, separators=(",", ":"), allow_nan=False
        )
    except ValueError:
        text = json.dumps(
            _finite(value), ensure_ascii=False, separators=(",", ":"), allow_nan=False
        )
    for char, escape in _SCRIPT_ESCAPES.items():  # str.replace: many times faster
        text = text.replace(chr(char), escape)  # than translate on a large text
    return _JINJA_OPEN.sub(r"\\u007b", text)


def http_url(value: Any) -> str | None:
    """Return ``value`` when it is an absolute http(s) URL, else ``None``.

    Only such URLs become links on the map; anything else (``javascript:``,
    ``data:``, relative paths, text) is shown as plain text or dropped.

    Parameters
    ----------
    value : Any
        A candidate URL.

    Returns
    -------
    str or None
        The stripped URL, or ``None``.

    Examples
    --------
    >>> http_url(" https://example.org/a ")
    'https://example.org/a'
    >>> http_url("javascript:alert(1)") is None
    True
    """
    if not isinstance(value, str):
        return None
    url = value.strip()
    if any(ch.isspace() or ord(ch) < 32 for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return url


def _finite(value: Any) -> Any:
    """Replace NaN and infinities by ``None``, recursively."""
    kind = type(value)
    if kind is str or kind is int or value is None:  # most values: as they are
        return value
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite(v) for v in value]
    return value
