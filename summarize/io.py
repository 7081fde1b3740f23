"""Reading input rows: JSONL, CSV, Parquet, a folder of .txt files, or a `datasets` source.

A folder is read in one of two layouts:

* documents only (a data source for ``sumcheck run``): ``FOLDER/ID.txt``, one document per file;
* summaries to score (``sumcheck score``): ``FOLDER/documents/ID.txt``, ``FOLDER/summaries/SYSTEM/ID.txt``
  (one sub-folder per system; a system need not summarise every document) and optionally
  ``FOLDER/references/ID.txt`` (a reference summary). A summary whose document is missing is an error.

Every JSONL file sumcheck reads from a user (inputs, labelled data) goes through :func:`iter_jsonl`:
one reader, one error policy.

Every format yields :class:`InputRow` records in input order. Column names are mapped onto the
canonical fields ``id``, ``document``, ``summary``, ``reference`` and ``system``: explicitly with
``fields={"document": "article"}`` or, when not given, through a short list of common aliases.
Columns that are not mapped travel along in ``InputRow.extra`` (labels, error types...).

Rules (each a clear :class:`InputError`, naming the file and line):

* a malformed JSONL line, non-UTF-8 bytes, a missing ``document`` field, an unreadable path;
* duplicate ``(id, system)`` pairs name both lines;
* a missing id is derived from a hash of the document text, so every run of the same documents
  pairs up (several systems' summaries of one document share its id).
"""

from __future__ import annotations

import contextlib
import csv
import json
import logging
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping

from sumcheck.summarize import safejson
from sumcheck.summarize.errors import InputError
from sumcheck.summarize.records import Document, content_id

log = logging.getLogger(__name__)
from sumcheck.summarize.scoped import csv_field_size_limit

CANONICAL = ("id", "document", "summary", "reference", "system")
ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "doc_id", "bbcid", "document_id", "uid"),
    "document": ("document", "text", "article", "source", "doc"),
    "summary": ("summary", "claim", "prediction", "hypothesis", "generated"),
    "reference": ("reference", "references", "highlights", "target", "gold"),
    "system": ("system", "model_name", "model"),
}


@dataclass(frozen=True)
class InputRow:
    """One input record: a document, optionally a summary to score and the system that wrote it."""

    document: Document
    summary: str | None = None
    system: str | None = None
    line: int = 0
    extra: Mapping[str, Any] = field(default_factory=dict)
    # the column the summary was looked up in (None: no summary column among the fields read so far),
    # so "no summary column at all" and "a summary column that is null here" give different messages
    summary_column: str | None = None


def parse_field_mapping(pairs: list[str] | None) -> dict[str, str]:
    """Parse ``["document=article", "id=uid"]`` into ``{"document": "article", "id": "uid"}``.

    >>> parse_field_mapping(["document=article"])
    {'document': 'article'}
    """
    out: dict[str, str] = {}
    for item in pairs or []:
        name, sep, column = item.partition("=")
        name, column = name.strip(), column.strip()
        if not sep or not name or not column:
            raise InputError(f"--field expects NAME=COLUMN (e.g. document=article), got {item!r}")
        if name in out and out[name] != column:
            raise InputError(f"--field {name} is given twice ({name}={out[name]} and {name}={column}); give it once")
        out[name] = column
    check_field_mapping(out, how="--field {name}={column}")
    return out


def check_field_mapping(fields: Mapping[str, str], *, how: str = "fields: {name}: {column}") -> None:
    """Raise :class:`InputError` for a field sumcheck does not read or for one column mapped to two
    fields (a summary scored against itself). ``how`` shows one mapping the way the user wrote it
    (``--field``, a config's ``data.fields``, the API's ``fields=``)."""
    seen: dict[str, str] = {}
    for name, column in fields.items():
        shown = how.format(name=name, column=column)
        if name not in CANONICAL:
            raise InputError(f"{shown}: unknown field {name!r}; fields are {', '.join(CANONICAL)}")
        if column in seen:
            raise InputError(f"{how.format(name=seen[column], column=column)} and {shown} read one column as two fields; "
                             "each field needs its own column")
        seen[column] = name


def _resolve_columns(columns: list[str], mapping: Mapping[str, str], origin: str) -> dict[str, str]:
    """Map canonical field -> column, given the columns seen so far (rows may omit optional fields)."""
    resolved: dict[str, str] = {}
    for name in CANONICAL:
        if name in mapping:
            resolved[name] = mapping[name]
            continue
        for alias in ALIASES[name]:
            if alias in columns and alias not in resolved.values():
                resolved[name] = alias
                break
    if "document" not in resolved or resolved["document"] not in columns:
        if "document" in mapping:
            raise InputError(f"{origin}: --field document={mapping['document']}: no column {mapping['document']!r}; columns are {', '.join(columns)}")
        raise InputError(f"{origin}: no document column (looked for {', '.join(ALIASES['document'])}); columns are {', '.join(columns) or 'none'}; map one with --field document=COLUMN")
    return resolved


def field_text(value: Any, *, what: str, where: str, numbers: bool = True) -> str:
    """A field's text ("" for None). ``numbers``: whether a number stands for its digits (an id or
    a system name may be a number; a document may not: a JSON ``NaN`` would be scored as "nan").

    Raises :class:`InputError` for any other type and for text that is not valid Unicode (an
    unpaired surrogate such as ``\\ud800``, which JSON allows and no encoder can write)."""
    if value is None:
        return ""
    if isinstance(value, str):
        return _unicode(value, what=what, where=where)
    if numbers and isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if numbers and isinstance(value, float) and math.isfinite(value):
        return str(int(value)) if value.is_integer() else str(value)  # pandas makes an int column with a gap floats
    shown = "bool" if isinstance(value, bool) else type(value).__name__
    raise InputError(f"{where}: field {what!r} must be text, got {shown} {value!r:.40}")


def summary_text(value: Any, *, what: str = "summary", where: str) -> str:
    """A summary field's text: only a string is a summary (a JSON ``NaN``, a number or null is an
    :class:`InputError`, never the text "nan" or "None"), and it must be valid Unicode."""
    if not isinstance(value, str):
        raise InputError(f"{where}: field {what!r} must be text, got {type(value).__name__} {value!r:.40}")
    return _unicode(value, what=what, where=where)


def _unicode(text: str, *, what: str, where: str) -> str:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise InputError(f"{where}: field {what!r} is not valid Unicode text: an unpaired surrogate "
                         f"{text[exc.start]!r} at character {exc.start} (a text cut inside a character?); fix the data") from None
    return text


def _reference_text(value: Any, where: str) -> str:
    # a number is not a reference summary: scoring it would give a silent ROUGE of 0
    if isinstance(value, str):
        return _unicode(value, what="reference", where=where)
    kind = type(value).__name__
    raise InputError(f"{where}: field 'reference' must be text or a list of texts, got {kind} {value!r:.40}")


def references_of(value: Any, where: str) -> tuple[str, ...]:
    """The reference summaries of one record: a text, a list of texts, or none (None, ``""``).

    >>> references_of(["A.", None, "B."], "f:1")
    ('A.', 'B.')
    >>> references_of(42, "f:1")
    Traceback (most recent call last):
    ...
    sumcheck.summarize.errors.InputError: f:1: field 'reference' must be text or a list of texts, got int 42
    """
    if value is None or value == "":
        return ()
    if isinstance(value, (list, tuple)):
        return tuple(_reference_text(v, where) for v in value if v not in (None, ""))
    if hasattr(value, "tolist") and not isinstance(value, str):  # numpy arrays from parquet
        return references_of(value.tolist(), where)
    return (_reference_text(value, where),)


def iter_jsonl(path: str | Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """``(line number, object)`` for each non-blank line of a user's JSONL file.

    Raises :class:`InputError` naming the file and line for non-UTF-8 bytes, malformed JSON, JSON
    beyond :mod:`sumcheck.summarize.safejson`'s limits (nested more than 100 levels, an integer of more
    than 4,300 digits), or a line that is not a JSON object (a list, a number...). A UTF-8
    byte-order mark is accepted.
    """
    path = Path(path)
    with path.open("rb") as fh:
        for lineno, raw in enumerate(fh, start=1):
            try:
                line = raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                raise InputError(f"{path}:{lineno}: not valid UTF-8 (byte {exc.start}); re-encode the file as UTF-8") from None
            if not line.strip():
                continue
            try:
                row = safejson.loads(line.rstrip("\r\n"))  # a column in this line, not "line 2 column 1"
            except json.JSONDecodeError as exc:
                msg = exc.msg[:-3] if exc.msg.endswith(" at") else exc.msg  # json's "Invalid control character at"
                raise InputError(f"{path}:{lineno}: malformed JSON ({msg} at column {exc.colno}; "
                                 "JSON Lines: one whole object per line)") from None
            except safejson.JSONLimitError as exc:  # hostile nesting or a huge number, even in a column never read
                raise InputError(f"{path}:{lineno}: unreadable JSON: {exc}") from None
            if not isinstance(row, dict):
                raise InputError(f"{path}:{lineno}: expected a JSON object ({{...}}), got a JSON {_json_kind(row)}"
                                 " (JSON Lines: one object per line)")
            yield lineno, row


def _json_kind(value: Any) -> str:
    """``list`` -> ``'array'`` etc.: JSON's own names for what a line held.

    >>> _json_kind([1]), _json_kind("x"), _json_kind(None)
    ('array', 'string', 'null')
    """
    return {list: "array", str: "string", bool: "boolean", type(None): "null", int: "number", float: "number"}.get(type(value), type(value).__name__)


_iter_jsonl = iter_jsonl


def is_scoring_layout(path: Path) -> bool:
    """True for a folder laid out as ``documents/`` + ``summaries/SYSTEM/`` (see the module docstring)."""
    return (path / "documents").is_dir() and (path / "summaries").is_dir()


def _read_txt(p: Path) -> str:
    try:
        return p.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{p}: not valid UTF-8 (byte {exc.start}); re-encode the file as UTF-8") from None


def _iter_scoring_layout(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    docs = {p.stem: p for p in sorted((path / "documents").glob("*.txt")) if p.is_file()}
    if not docs:
        raise InputError(f"{path / 'documents'}: holds no .txt files (expected documents/ID.txt)")
    systems = sorted(p for p in (path / "summaries").iterdir() if p.is_dir())
    if not systems:
        raise InputError(f"{path / 'summaries'}: holds no system folders (expected summaries/SYSTEM/ID.txt)")
    refs = path / "references"
    n = 0
    for system in systems:
        summaries = {p.stem: p for p in sorted(system.glob("*.txt")) if p.is_file()}
        orphans = sorted(set(summaries) - set(docs))
        if orphans:
            raise InputError(f"{system}: summaries without a document in {path / 'documents'}: {', '.join(orphans[:5])}")
        for doc_id, doc_path in docs.items():
            if doc_id not in summaries:
                continue
            n += 1
            row = {"id": doc_id, "document": _read_txt(doc_path), "summary": _read_txt(summaries[doc_id]).strip(),
                   "system": system.name}
            if (refs / f"{doc_id}.txt").is_file():
                row["reference"] = _read_txt(refs / f"{doc_id}.txt").strip()
            yield n, row


_CSV_LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")


def _iter_csv(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    blank: list[bool] = []  # per physical line read so far: is it blank (csv skips those)?
    end = 0  # the line the last record read ended on
    try:
        # whole articles live in one field; the limit is raised only while this file is read (the
        # scope closes when the rows are exhausted or the reader is closed: see load_rows)
        with csv_field_size_limit(2**31 - 1), path.open("rb") as fh:

            def lines():  # decoded here, line by line, so a bad byte is reported by its line
                for raw in fh:
                    try:
                        text = raw.decode("utf-8-sig" if not blank else "utf-8")  # -sig: Excel's BOM
                    except UnicodeDecodeError as exc:
                        raise InputError(f"{path}:{len(blank) + 1}: not valid UTF-8 (byte {exc.start} of the line); "
                                         "re-encode the file as UTF-8") from None
                    for line in _CSV_LINE_RE.findall(text):  # a bare \r ends a line too (Excel for Mac), as csv expects
                        blank.append(not line.strip())
                        yield line

            # strict: a quote left open is an error, not a field that swallows the rest of the file
            reader = csv.DictReader(lines(), delimiter=delimiter, strict=True)
            header = reader.fieldnames or []  # reads the header
            repeated = sorted({c for c in header if c and header.count(c) > 1})  # unnamed trailing columns may repeat
            if repeated:
                raise InputError(f"{path}:1: column {repeated[0]!r} appears twice in the header; rename one")
            end = reader.line_num
            for row in reader:
                # the line a record starts on: the first non-blank line after the previous record (a quoted
                # field may span lines, and line_num is where the record ended)
                start = next((n for n in range(end + 1, reader.line_num + 1) if not blank[n - 1]), end + 1)
                end = reader.line_num
                if None in row or None in row.values():
                    raise InputError(f"{path}:{start}: the row's number of fields does not match the header's")
                yield start, dict(row)
    except csv.Error as exc:
        hint = ("; a double quote opened and never closed?" if "end of data" in str(exc)
                else "; inside a quoted field a double quote is written twice, and nothing but the delimiter may follow "
                     "the closing quote" if "expected after" in str(exc) else "")
        start = next((n for n in range(end + 1, len(blank) + 1) if not blank[n - 1]), end + 1)
        raise InputError(f"{path}:{start}: malformed CSV in the record starting here ({exc}{hint})") from None


def _iter_parquet(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(path)
    except Exception as exc:  # pyarrow raises several unrelated types for a bad file
        raise InputError(f"{path}: cannot read as Parquet ({exc})") from None
    for i, row in enumerate(table.to_pylist(), start=1):
        yield i, row


def _iter_txt_folder(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    if is_scoring_layout(path):
        yield from _iter_scoring_layout(path)
        return
    files = sorted(p for p in path.iterdir() if p.suffix == ".txt" and p.is_file())
    if not files:
        raise InputError(f"{path}: folder holds no .txt files (documents: FOLDER/ID.txt; summaries to score: "
                         "FOLDER/documents/ID.txt + FOLDER/summaries/SYSTEM/ID.txt)")
    for i, p in enumerate(files, start=1):
        yield i, {"id": p.stem, "document": _read_txt(p)}


def parse_hf_source(spec: str) -> tuple[str, str | None, str | None]:
    """``hf:NAME[:CONFIG][@REVISION]`` -> ``(name, config, revision)`` (``None`` where not given).

    >>> parse_hf_source("hf:EdinburghNLP/xsum")
    ('EdinburghNLP/xsum', None, None)
    >>> parse_hf_source("hf:glue:mrpc@v1")
    ('glue', 'mrpc', 'v1')
    """
    name, _, revision = spec.removeprefix("hf:").partition("@")
    name, _, config = name.partition(":")
    return name, config or None, revision or None


def load_hf_dataset(spec: str, split: str | None) -> Any:
    """A ``datasets.Dataset`` for ``hf:NAME[:CONFIG][@REVISION]`` (``split`` default ``validation``),
    through the `datasets` cache: downloaded on first use unless ``HF_DATASETS_OFFLINE``/``HF_HUB_OFFLINE``
    is set, then read from the cache. ``sumcheck pull`` calls this too, so what it fetches is what a
    later (offline) run loads. Raises :class:`InputError` with the cause on one line."""
    import datasets

    name, config, revision = parse_hf_source(spec)
    try:
        return datasets.load_dataset(name, config, split=split or "validation", revision=revision)
    except Exception as exc:  # datasets raises many types; the message is what the user needs
        raise InputError(_datasets_failure(spec, exc)) from None


def _datasets_failure(spec: str, exc: Exception) -> str:
    return (f"{spec}: cannot load with `datasets` ({type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}); "
            "offline, fetch it once where the Hub is reachable (`sumcheck pull CONFIG`, same HF_HOME) or save_to_disk and pass that folder")


def _iter_datasets(spec: str, split: str | None) -> Iterator[tuple[int, dict[str, Any]]]:
    """``hf:NAME[:CONFIG][@REVISION]`` (:func:`load_hf_dataset`) or a `save_to_disk` folder."""
    if spec.startswith("hf:"):
        ds = load_hf_dataset(spec, split)
    else:
        import datasets

        try:
            ds = datasets.load_from_disk(spec)
            if isinstance(ds, datasets.DatasetDict):
                if not split or split not in ds:
                    said = f"no split {split!r}: " if split else ""
                    raise InputError(f"{spec}: {said}a DatasetDict with splits {', '.join(ds)}; choose one with --split")
                ds = ds[split]
        except InputError:
            raise
        except Exception as exc:  # datasets raises many types; the message is what the user needs
            raise InputError(_datasets_failure(spec, exc)) from None
    for i, row in enumerate(ds, start=1):
        yield i, dict(row)


def _raw_rows(source: str, split: str | None) -> tuple[str, Iterator[tuple[int, dict[str, Any]]]]:
    if source.startswith("hf:"):
        return source, _iter_datasets(source, split)
    path = Path(source)
    if not path.exists():
        raise InputError(f"{source}: no such file or folder")
    if path.is_dir() and ((path / "dataset_info.json").exists() or (path / "dataset_dict.json").exists()):
        return source, _iter_datasets(source, split)
    if split is not None:  # only a `datasets` source has splits: taking the whole file would be a silent surprise
        raise InputError(f"{source}: split {split!r} given, but only a `datasets` source (hf:NAME or a save_to_disk folder) "
                         "has splits; leave it out")
    if path.is_dir():
        return source, _iter_txt_folder(path)
    suffix = "".join(path.suffixes[-1:]).lower()
    try:
        path.open("rb").close()
    except OSError as exc:
        raise InputError(f"{source}: cannot read ({exc.strerror})") from None
    if suffix in (".jsonl", ".json", ".ndjson"):
        return source, _iter_jsonl(path)
    if suffix in (".csv", ".tsv"):
        return source, _iter_csv(path)
    if suffix in (".parquet", ".pq"):
        return source, _iter_parquet(path)
    raise InputError(f"{source}: unknown input format {suffix or '(no extension)'}; use .jsonl, .csv, .tsv, .parquet, a folder of .txt files, or hf:NAME")


def load_rows(source: str, *, fields: Mapping[str, str] | None = None, split: str | None = None, limit: int | None = None) -> list[InputRow]:
    """Read ``source`` into input rows, in order. See the module docstring for the rules."""
    origin, raw = _raw_rows(source, split)
    with contextlib.closing(raw):  # a reader stopped early (``limit``) restores what it changed now
        return _collect(origin, raw, fields=fields, limit=limit, where=lambda n: f"{origin}:{n}", unit="lines")


def load_records(records: Iterable[Mapping[str, Any]], *, origin: str = "data", fields: Mapping[str, str] | None = None,
                 limit: int | None = None) -> list[InputRow]:
    """In-memory records (dicts, in order) into input rows, by the same rules as :func:`load_rows`.

    Errors name a record by its 0-based position, e.g. ``data[2]``; ``InputRow.line`` is that position.

    >>> [(r.document.id, r.summary) for r in load_records([{"id": "a", "document": "Doc.", "summary": "Sum."}])]
    [('a', 'Sum.')]
    """
    def numbered() -> Iterator[tuple[int, dict[str, Any]]]:
        for i, record in enumerate(records):
            if not isinstance(record, Mapping):
                raise InputError(f"{origin}[{i}]: expected a mapping of field to value, got {type(record).__name__}")
            yield i, dict(record)

    return _collect(origin, numbered(), fields=fields, limit=limit, where=lambda n: f"{origin}[{n}]", unit="records")


def _collect(origin: str, raw: Iterable[tuple[int, dict[str, Any]]], *, fields: Mapping[str, str] | None, limit: int | None,
             where, unit: str) -> list[InputRow]:  # noqa: ANN001
    check_field_mapping(fields or {})
    rows: list[InputRow] = []
    seen: dict[tuple[str, str | None], int] = {}
    columns: dict[str, str] = {}
    seen_columns: list[str] = []
    for lineno, record in raw:
        here = where(lineno)
        if not columns or any(k not in seen_columns for k in record):
            seen_columns += [k for k in record if k not in seen_columns]
            columns = _resolve_columns(seen_columns, fields or {}, origin)
        if columns["document"] not in record:
            raise InputError(f"{here}: missing field {columns['document']!r} (the document)")
        text = field_text(record[columns["document"]], what=columns["document"], where=here, numbers=False)
        raw_id = record.get(columns["id"]) if "id" in columns else None
        if isinstance(raw_id, float) and math.isnan(raw_id):
            raw_id = None  # a gap in a numeric id column (pandas, parquet)
        # a blank id ("", "  ") is no id: the row gets its content id, as a missing one does
        doc_id = field_text(raw_id, what="id", where=here).strip() or content_id(text)
        system = field_text(record.get(columns["system"]), what="system", where=here) or None if "system" in columns else None
        # None: this record has no summary (field absent or null); "" is an empty summary (scored as such)
        column = columns.get("summary")
        raw_summary = record.get(column) if column is not None else None
        summary = summary_text(raw_summary, what=column or "summary", where=here) if raw_summary is not None else None
        refs = references_of(record.get(columns["reference"]), here) if "reference" in columns else ()
        key = (doc_id, system)
        if key in seen:
            what = f"id {doc_id!r}" + (f" (system {system!r})" if system else "")
            raise InputError(f"{origin}: duplicate {what} on {unit} {seen[key]} and {lineno}; give each row a unique id, or a system column when rows are different systems' summaries of one document")
        seen[key] = lineno
        used = set(columns.values())
        extra = {k: v for k, v in record.items() if k not in used and _jsonable(v)}
        meta = {k: extra[k] for k in ("title", "label") if k in extra}
        doc = Document(id=doc_id, text=text, references=refs, meta=meta, origin=here)
        rows.append(InputRow(document=doc, summary=summary, system=system, line=lineno, extra=extra,
                             summary_column=column if column is not None and column in record else None))
        if limit is not None and len(rows) >= limit:
            break
    if not rows:
        raise InputError(f"{origin}: no rows")
    for name, column in (fields or {}).items():
        if column not in seen_columns:
            raise InputError(f"{origin}: --field {name}={column}: no column {column!r}; columns are {', '.join(seen_columns)}")
    guessed = [f"{name} from {column!r}" for name, column in columns.items() if name not in (fields or {}) and column != name]
    if guessed:  # a column read under another name is said once (new-user trial, session 16: "article" read silently)
        log.info("%s: read %s (common names for these fields; map others with --field NAME=COLUMN)", origin, ", ".join(guessed))
    return rows


def _jsonable(value: Any) -> bool:
    return isinstance(value, (str, int, float, bool, type(None), list, dict))
