"""Inputs to documents.

Walking files, folders and JSONL, decoding, HTML and Markdown to text,
publication dates.

Everything here is the first arrow of the data flow: what comes in is bytes
on disk (or stdin), what goes out is :class:`~geo.ingest.articles.Article`
records (text with a publication date) or :class:`~geo.ingest.articles.Skipped`
ones (an input that could not be read, and why).
"""

from geo.ingest.articles import Article, Skipped, iter_articles, read_articles

__all__ = ["Article", "Skipped", "iter_articles", "read_articles"]
