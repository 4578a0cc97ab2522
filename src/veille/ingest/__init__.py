"""Ingest: files, directories and standard input to a stream of Articles.

    from veille.ingest import read
    for item in read(["corpus.jsonl.gz", "pages/", "-"], settings):
        ...  # an Article, or a Rejection(origin, reason) to print as "origin: reason"

What is read (by extension; directories recursively, sorted, hidden files skipped,
files of other extensions ignored):
  * ``.txt``: the whole text is one article, id = file stem;
  * ``.html``/``.htm``: main text, title, date, author, site and url through
    trafilatura (htmlpage.py); a page with no main text is rejected;
  * ``.jsonl``, ``.jsonl.gz``, ``.json`` (one object or a list): one article per
    object, generic (``id``, ``text``, ``published``/``date``, ``title``,
    ``source``, ``url``) or OrangeSum (``id``, ``date``, ``title``, ``heading``,
    ``article``) layout; origin ``file.jsonl:LINE`` (records.py);
  * RSS/Atom (``.rss``, ``.atom``, or ``.xml`` whose root is rss/feed/rdf): one
    article per entry, origin ``file.xml:entry N`` (feeds.py);
  * ``-``: standard input, sniffed: JSON Lines if the first non-blank character is
    "{", HTML (or a feed) if "<", plain text otherwise; gzip is unpacked first.
    A file named without any extension is sniffed the same way.

Bad input never raises: each problem is one Rejection naming the input (and the
line of a JSONL corpus) and the reason, and the other inputs go on. Invalid UTF-8
is decoded with the encoding charset-normalizer finds, with a warning on the
article. Articles detected (py3langid, first 1000 characters) as confidently not
French are rejected when ``Settings.other_languages == "skip"``, kept with a
warning and ``Article.language`` otherwise; texts too short to decide are kept.

Size limit: ``Settings.max_bytes`` (20 MB) bounds what is read into memory at
once. A .txt, .html, .json or feed file is read whole, so the limit applies to the
file. A .jsonl(.gz) corpus streams one line at a time, so the limit applies to
each line (one article) and a corpus of any size is read with flat memory; an
over-long line is rejected by its line number and skipped without being loaded.
"""

from .reader import read, screen_language

__all__ = ["read", "screen_language"]
