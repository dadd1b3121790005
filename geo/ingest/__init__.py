"""Inputs to documents: the first arrow of the data flow.

What comes in is bytes on disk (or stdin); what goes out is
:class:`Article` records (plain text with a publication date) or
:class:`Skipped` ones (an input that could not be read, and why).  The
modules, in data-flow order:

- :mod:`~geo.ingest.walk`: which files to read, in which order (files,
  folders, JSON Lines, stdin; links, special files, unsupported types);
- :mod:`~geo.ingest.decode`: bytes to text (UTF-8, UTF-16, legacy encodings);
- :mod:`~geo.ingest.html_text` and :mod:`~geo.ingest.markdown_text`: HTML
  and Markdown to plain text, with the title, address and dates the markup
  states;
- :mod:`~geo.ingest.published`: publication dates (metadata, header line,
  dateline; the 1900-2100 range), words from :mod:`geo.lang`;
- :mod:`~geo.ingest.documents`: one document to one :class:`Article`;
- :mod:`~geo.ingest.jsonl`: JSON Lines records, bounded in size;
- :mod:`~geo.ingest.telegram`: Telegram Desktop exports (``result.json``);
- :mod:`~geo.ingest.reader`: a run's inputs to articles, ids made unique;
- :mod:`~geo.ingest.records` and :mod:`~geo.ingest.names`: the records
  (:class:`Article`, :class:`Skipped`, :class:`Markup`), and names fit for
  one-line messages.

The size limits are module constants (:data:`geo.ingest.documents.MAX_FILE_BYTES`,
:data:`geo.ingest.jsonl.MAX_RECORD_BYTES`): change them there, not on this
package, which only re-exports their values.
"""

from geo.ingest.decode import LEGACY_ENCODINGS, Decoded, decode_bytes, decode_text
from geo.ingest.documents import (
    KINDS,
    MAX_FILE_BYTES,
    parse_document,
    read_document,
    read_markup,
)
from geo.ingest.html_text import html_to_text
from geo.ingest.jsonl import MAX_RECORD_BYTES, bounded_lines, read_jsonl_line
from geo.ingest.published import (
    DATELINE_WINDOW,
    PUBLISHED_RANGE,
    PublicationDate,
    find_publication_date,
    parse_iso_date,
)
from geo.ingest.reader import UniqueIds, iter_articles, read_articles, read_input
from geo.ingest.records import Article, Markup, Skipped
from geo.ingest.telegram import (
    export_username,
    parse_telegram_export,
    read_telegram_export,
)
from geo.ingest.walk import SUPPORTED_SUFFIXES, TELEGRAM_EXPORT, InputFile, walk_inputs

__all__ = [
    "DATELINE_WINDOW",
    "KINDS",
    "LEGACY_ENCODINGS",
    "MAX_FILE_BYTES",
    "MAX_RECORD_BYTES",
    "PUBLISHED_RANGE",
    "SUPPORTED_SUFFIXES",
    "TELEGRAM_EXPORT",
    "Article",
    "Decoded",
    "InputFile",
    "Markup",
    "PublicationDate",
    "Skipped",
    "UniqueIds",
    "bounded_lines",
    "decode_bytes",
    "decode_text",
    "export_username",
    "find_publication_date",
    "html_to_text",
    "iter_articles",
    "parse_document",
    "parse_iso_date",
    "parse_telegram_export",
    "read_articles",
    "read_document",
    "read_input",
    "read_jsonl_line",
    "read_markup",
    "read_telegram_export",
    "walk_inputs",
]
