"""Ingest: INPUT (JSONL, .txt, .html, a folder of them, or `-` for stdin) -> a stream of Items.

Each Item is one document, in input order: a Report ready for extraction, or an error saying
why the document cannot be read (its `doc_id` is the document's id, or `line-N` when the line
has none). Problems that still allow extraction become warnings. The text is never normalised
here: evidence offsets index into the text exactly as given.
"""
from __future__ import annotations

import json
import re
import sys
from datetime import date, datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import BinaryIO, Iterator, NamedTuple

from sitrep.models import Report

TEXT_SUFFIXES = {".txt"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".json"}
READABLE_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES
CHUNK = 1 << 16
BINARY_RATIO = 0.10        # more control characters than this: not text at all
NOT_ENGLISH = "text does not look like English"


class Item(NamedTuple):
    doc_id: str
    report: Report | None
    error: str | None
    warnings: list[str]


class InputError(Exception):
    """INPUT cannot be opened at all (a usage error, not a per-document one)."""


# ---------------------------------------------------------------- entry point

def read_input(source: str, max_bytes: int, published: str | None = None,
               stdin: BinaryIO | None = None) -> Iterator[Item]:
    """Documents from `source`, in order. `published` dates loose .txt/.html files."""
    if source == "-":
        yield from _read_stream(stdin or sys.stdin.buffer, "stdin", max_bytes, published)
        return
    path = Path(source)
    if path.is_dir():
        files = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in READABLE_SUFFIXES)
        for p in files:
            yield from _read_path(p, max_bytes, published)
    elif path.is_file():
        yield from _read_path(path, max_bytes, published)
    else:
        raise InputError(f"{source}: no such file or folder")


def count_documents(source: str) -> int | None:
    """A cheap count of the documents in `source`, for the progress bar (None: unknown)."""
    if source == "-":
        return None
    path = Path(source)
    try:
        if path.is_dir():
            return sum(_count_file(p) for p in sorted(path.iterdir())
                       if p.is_file() and p.suffix.lower() in READABLE_SUFFIXES)
        return _count_file(path)
    except OSError:
        return None


def _count_file(path: Path) -> int:
    if path.suffix.lower() not in JSONL_SUFFIXES:
        return 1
    n, last = 0, b"\n"
    with path.open("rb") as f:
        while chunk := f.read(1 << 20):
            n += chunk.count(b"\n")
            last = chunk[-1:]
    return n + (last != b"\n")


def _read_path(path: Path, max_bytes: int, published: str | None) -> Iterator[Item]:
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        with path.open("rb") as f:
            yield from read_jsonl(f, max_bytes)
        return
    doc_id = path.stem
    size = path.stat().st_size
    if size > max_bytes:
        yield _error(doc_id, f"document too large ({size} bytes > {max_bytes})")
        return
    data = path.read_bytes()
    yield loose_document(doc_id, data, html=suffix in HTML_SUFFIXES, published=published)


def _read_stream(stream: BinaryIO, name: str, max_bytes: int, published: str | None) -> Iterator[Item]:
    """stdin: JSONL when it starts with `{`, else one plain-text (or HTML) document."""
    head = byte = stream.read(1)
    while byte.isspace():
        byte = stream.read(1)
        head += byte
    if head.lstrip() == b"{":
        yield from read_jsonl(_Prefixed(head, stream), max_bytes)
        return
    data = head + stream.read(max_bytes + 1 - len(head))
    if len(data) > max_bytes:
        while stream.read(CHUNK):
            pass
        yield _error(name, f"document too large (> {max_bytes} bytes)")
        return
    yield loose_document(name, data, html=data.lstrip()[:1] == b"<", published=published)


class _Prefixed:
    """A binary stream with some bytes pushed back in front."""

    def __init__(self, prefix: bytes, stream: BinaryIO):
        self.prefix, self.stream = prefix, stream

    def readline(self, limit: int = -1) -> bytes:
        if self.prefix:
            head, self.prefix = self.prefix, b""
            if head.endswith(b"\n"):
                return head
            more = self.stream.readline(-1 if limit < 0 else max(limit - len(head), 0))
            return head + more
        return self.stream.readline(limit)


# ---------------------------------------------------------------- JSONL

def read_jsonl(stream, max_bytes: int, first_line: int = 1) -> Iterator[Item]:
    """One Item per non-blank line; a line longer than max_bytes is skipped unread.

    `first_line` numbers the stream's first line (a partition of a bigger file starts later).
    """
    lineno = first_line - 1
    while True:
        raw = stream.readline(max_bytes + 1)
        if not raw:
            return
        lineno += 1
        if len(raw) > max_bytes and not raw.endswith(b"\n"):
            skipped = len(raw)
            while True:  # drain the rest of the line without holding it
                rest = stream.readline(CHUNK)
                skipped += len(rest)
                if not rest or rest.endswith(b"\n"):
                    break
            yield _error(f"line-{lineno}", f"document too large ({skipped} bytes > {max_bytes})")
            continue
        if lineno == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        if not raw.strip():
            continue
        yield parse_line(raw, lineno)


def parse_line(raw: bytes, lineno: int) -> Item:
    fallback = f"line-{lineno}"
    warnings: list[str] = []
    line, decode_warning = decode_bytes(raw)
    if line is None:
        return _error(fallback, decode_warning)
    if decode_warning:
        warnings.append(decode_warning)
    try:
        doc = json.loads(line)
    except json.JSONDecodeError as e:
        return _error(fallback, f"invalid JSON on line {lineno}: {e.msg} (column {e.colno})")
    if not isinstance(doc, dict):
        return _error(fallback, f"line {lineno} is not a JSON object")
    doc_id = doc.get("id")
    if doc_id is None or (isinstance(doc_id, str) and not doc_id.strip()) or isinstance(doc_id, (dict, list, bool)):
        return _error(fallback, "missing id")
    doc_id = str(doc_id)
    if "text" not in doc or doc["text"] is None:
        return _error(doc_id, "missing text")
    if not isinstance(doc["text"], str):
        return _error(doc_id, f"text is not a string ({type(doc['text']).__name__})")
    return build_report(doc_id, doc["text"], doc.get("published"), warnings,
                        title=doc.get("title"), url=doc.get("url"), outlet=doc.get("outlet"))


# ---------------------------------------------------------------- loose files

def loose_document(doc_id: str, data: bytes, html: bool, published: str | None) -> Item:
    text, decode_warning = decode_bytes(data)
    if text is None:
        return _error(doc_id, decode_warning)
    warnings = [decode_warning] if decode_warning else []
    if text.startswith("\ufeff"):
        text = text[1:]
    title = None
    if html:
        text, title = html_to_text(text)
    return build_report(doc_id, text, published, warnings, title=title)


def build_report(doc_id: str, text: str, published, warnings: list[str], **meta) -> Item:
    if not text.strip():
        return _error(doc_id, "empty text", warnings)
    if looks_binary(text):
        return _error(doc_id, "binary content, not text", warnings)
    published, problem = check_published(published)
    if problem:
        warnings.append(problem)
    if not looks_english(text):
        warnings.append(NOT_ENGLISH)
    meta = {k: v if isinstance(v, str) else None for k, v in meta.items()}
    return Item(doc_id, Report(id=doc_id, text=text, published=published, **meta), None, warnings)


def _error(doc_id: str, reason: str, warnings: list[str] | None = None) -> Item:
    return Item(doc_id, None, reason, list(warnings or []))


# ---------------------------------------------------------------- checks

# control characters other than tab, line feed, form feed and carriage return
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))
_DROP_CONTROLS = dict.fromkeys(_CONTROL_BYTES)
_BEYOND_LATIN = re.compile("[\u0250-\U0010ffff]")  # past the Latin blocks: IPA, Greek, Cyrillic, Arabic, CJK ...


def decode_bytes(data: bytes) -> tuple[str | None, str | None]:
    """(text, warning) for mostly-text bytes; (None, error) for binary data."""
    sample = data[:CHUNK]
    if sample:
        controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
        if b"\x00" in sample and sample.count(b"\x00") * 100 > len(sample) or controls > len(sample) * BINARY_RATIO:
            return None, "binary content, not text"
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        text = data.decode("utf-8", errors="replace")
        bad = text.count("\ufffd")
        if bad > max(len(text) * BINARY_RATIO, 16):
            return None, "binary content, not text"
        return text, f"input is not valid UTF-8: {bad} undecodable byte sequence(s) replaced"


def looks_binary(text: str) -> bool:
    sample = text[:CHUNK]
    controls = len(sample) - len(sample.translate(_DROP_CONTROLS))
    return "\x00" in sample and sample.count("\x00") * 100 > len(sample) or controls > len(sample) * BINARY_RATIO


DATE_FORMS = (re.compile(r"\d{4}"), re.compile(r"\d{4}-\d{2}"), re.compile(r"\d{4}-\d{2}-\d{2}"))


def check_published(value) -> tuple[str | None, str | None]:
    """(published, warning): a date the spec allows is kept as given; anything else -> None."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None, None
    bad = f"published {value!r} is not a date (YYYY-MM-DD, YYYY-MM, YYYY or ISO 8601); treated as unknown"
    if not isinstance(value, str):
        return None, bad
    s = value.strip()
    try:
        if DATE_FORMS[0].fullmatch(s):
            ok = 1 <= int(s) <= 9999
        elif DATE_FORMS[1].fullmatch(s):
            ok = 1 <= int(s[5:7]) <= 12
        elif DATE_FORMS[2].fullmatch(s):
            ok = bool(date.fromisoformat(s))
        else:
            ok = len(s) > 10 and s[10] in "T " and bool(datetime.fromisoformat(s.replace("Z", "+00:00")))
    except ValueError:
        ok = False
    return (value, None) if ok else (None, bad)


# distinctly English function words (not also common French/Spanish/German/Italian words)
ENGLISH_WORDS = frozenset(
    "the of and to was were by with from has have had that this which said after for at is are "
    "been their its an as it they he she who when while into than but not no were killed".split())
WORD = re.compile(r"[^\W\d_]+")


def looks_english(text: str, sample_chars: int = 20000) -> bool:
    sample = text[:sample_chars]
    letters = sum(map(str.isalpha, sample))
    if not letters:
        return True
    latin = letters - sum(map(str.isalpha, _BEYOND_LATIN.findall(sample)))
    if latin < 0.6 * letters:
        return False  # mostly Arabic, Cyrillic, CJK ... script
    words = [w.lower() for w in WORD.findall(sample)]
    if len(words) < 8:
        return True
    hits = sum(1 for w in words if w in ENGLISH_WORDS)
    return hits >= 0.06 * len(words)


# ---------------------------------------------------------------- HTML

BLOCK_TAGS = frozenset(
    "p div section article header footer aside main nav h1 h2 h3 h4 h5 h6 li ul ol table tr "
    "blockquote pre figure figcaption dl dt dd form hr address".split())
SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "svg", "head"})


class _TextParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0
        self.in_title = False
        self.title: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag in SKIP_TAGS:
            self.skip += 1
        elif tag == "title":
            self.in_title = True
        elif tag == "br":
            self.parts.append("\n")
        elif tag in BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_startendtag(self, tag, attrs):
        if tag == "br":
            self.parts.append("\n")
        elif tag in BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag in SKIP_TAGS:
            self.skip = max(0, self.skip - 1)
        elif tag == "title":
            self.in_title = False
        elif tag in BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if self.in_title:
            self.title.append(data)
        elif not self.skip:
            self.parts.append(re.sub(r"\s+", " ", data))


def html_to_text(markup: str) -> tuple[str, str | None]:
    """(text, title): visible text with paragraph breaks; scripts and styles dropped."""
    parser = _TextParser()
    parser.feed(markup)
    parser.close()
    text = "".join(parser.parts)
    text = re.sub(r"[ \t]*\n[ \t]*", "\n", text)
    text = re.sub(r"\n{3,}", "\n\n", text).strip()
    title = re.sub(r"\s+", " ", "".join(parser.title)).strip() or None
    return text, title
