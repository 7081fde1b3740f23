"""Reading inputs: formats, field mapping, derived ids, and every bad input named in issue #2."""

import json
import re
from pathlib import Path

import pytest

from sumcheck.summarize.errors import InputError
from sumcheck.summarize.io import load_rows, parse_field_mapping
from sumcheck.summarize.records import content_id


def write(path: Path, text: str | bytes) -> Path:
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def jsonl(rows) -> str:
    return "".join(json.dumps(r) + "\n" for r in rows)


def test_jsonl_with_aliases_and_extra_fields(tmp_path):
    p = write(tmp_path / "a.jsonl", jsonl([{"bbcid": "7", "article": "A text.", "claim": "A.", "label": "1", "model_name": "X"}]))
    (row,) = load_rows(str(p))
    assert (row.document.id, row.document.text, row.summary, row.system) == ("7", "A text.", "A.", "X")
    assert row.extra == {"label": "1"}


def test_columns_read_under_another_name_are_said_once(tmp_path, caplog):
    """A column taken by its common name ("article" for the document) is said at INFO level, once per
    file; canonical names and columns mapped with --field are not (new-user trial, session 16)."""
    p = write(tmp_path / "a.jsonl", jsonl([{"id": "1", "article": "A text.", "generated": "A."},
                                           {"id": "2", "article": "B text.", "generated": "B."}]))
    with caplog.at_level("INFO", logger="sumcheck.summarize.io"):
        load_rows(str(p), fields={"summary": "generated"})
    (record,) = caplog.records
    assert record.getMessage() == (f"{p}: read document from 'article' (common names for these fields; "
                                   "map others with --field NAME=COLUMN)")
    caplog.clear()
    q = write(tmp_path / "b.jsonl", jsonl([{"id": "1", "document": "A text.", "summary": "A."}]))
    with caplog.at_level("INFO", logger="sumcheck.summarize.io"):
        load_rows(str(q))
    assert caplog.records == []


def test_explicit_field_mapping_wins(tmp_path):
    p = write(tmp_path / "a.jsonl", jsonl([{"body": "Doc.", "text": "not this", "gold": ["R1", "R2"]}]))
    (row,) = load_rows(str(p), fields=parse_field_mapping(["document=body", "reference=gold"]))
    assert row.document.text == "Doc."
    assert row.document.references == ("R1", "R2")


def test_missing_id_is_a_content_hash(tmp_path):
    p = write(tmp_path / "a.jsonl", jsonl([{"document": "Same text."}]))
    (row,) = load_rows(str(p))
    assert row.document.id == content_id("Same text.")


def test_csv_and_parquet_and_txt_folder(tmp_path):
    import pandas as pd

    frame = pd.DataFrame({"id": ["a", "b"], "document": ["Doc A.", "Doc B."], "summary": ["S A.", "S B."]})
    frame.to_csv(tmp_path / "x.csv", index=False)
    frame.to_parquet(tmp_path / "x.parquet")
    for name in ("x.csv", "x.parquet"):
        rows = load_rows(str(tmp_path / name))
        assert [(r.document.id, r.summary) for r in rows] == [("a", "S A."), ("b", "S B.")]
    folder = tmp_path / "docs"
    folder.mkdir()
    write(folder / "b.txt", "Second.")
    write(folder / "a.txt", "First.")
    assert [(r.document.id, r.document.text) for r in load_rows(str(folder))] == [("a", "First."), ("b", "Second.")]


def test_datasets_folder(tmp_path):
    import datasets

    datasets.Dataset.from_dict({"article": ["One doc."], "highlights": ["Ref."]}).save_to_disk(str(tmp_path / "ds"))
    (row,) = load_rows(str(tmp_path / "ds"))
    assert (row.document.text, row.document.references) == ("One doc.", ("Ref.",))


BAD = [
    ("malformed JSONL line names file and line", b'{"document": "ok"}\n{"document": oops}\n', r"a\.jsonl:2: malformed JSON"),
    ("non-UTF-8 bytes name the line", b'{"document": "ok"}\n{"document": "caf\xe9"}\n', r"a\.jsonl:2: not valid UTF-8"),
    ("missing document field", b'{"document": "ok"}\n{"summary": "no doc"}\n', r"a\.jsonl:2: missing field 'document'"),
    ("no document column at all", b'{"summary": "x"}\n', r"no document column"),
    ("duplicate ids name both lines", b'{"id": "d", "document": "x"}\n{"id": "d", "document": "y"}\n', r"duplicate id 'd' on lines 1 and 2"),
    ("a JSON value that is not an object", b'[1, 2]\n', r"a\.jsonl:1: expected a JSON object"),
    ("empty file", b"\n\n", r"no rows"),
    # new-user trial, session 5: each was read without a word
    ("a NaN document is not the text 'nan'", b'{"document": NaN, "summary": "x"}\n', r"a\.jsonl:1: field 'document' must be text, got float nan"),
    ("a number is not a document", b'{"document": 12345, "summary": "x"}\n', r"field 'document' must be text, got int 12345"),
    ("an unpaired surrogate in a summary", b'{"document": "ok", "summary": "300 cakes \\udc00."}\n',
     r"a\.jsonl:1: field 'summary' is not valid Unicode text: an unpaired surrogate '\\udc00' at character 10"),
    ("an unpaired surrogate in a document", b'{"document": "Bad \\ud800 text"}\n', r"field 'document' is not valid Unicode"),
    ("an unpaired surrogate in a reference", b'{"document": "ok", "reference": ["\\ud800"]}\n', r"field 'reference' is not valid Unicode"),
    ("a boolean id", b'{"id": true, "document": "ok"}\n', r"field 'id' must be text, got bool True"),
    # new-user trial, session 10: json's own message ends in "at", which read "at at column"
    ("a line broken inside a string", b'{"document": "ok"}\n{"id": "b", "document": "broken\n',
     r"a\.jsonl:2: malformed JSON \(Unterminated string starting at column 25;"),
    # new-user trial, session 12: a line cut short was reported at "column 1" (json counted its newline as line 2)
    ("a line cut short", b'{"id": "m2", "summary": \n', r"a\.jsonl:1: malformed JSON \(Expecting value at column 25;"),
]


@pytest.mark.parametrize("why,content,message", BAD, ids=[b[0] for b in BAD])
def test_bad_input_is_a_clear_error(tmp_path, why, content, message):
    p = write(tmp_path / "a.jsonl", content)
    with pytest.raises(InputError, match=message):
        load_rows(str(p))


def test_unreadable_and_unknown_paths(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        load_rows(str(tmp_path / "missing.jsonl"))
    with pytest.raises(InputError, match="unknown input format"):
        load_rows(str(write(tmp_path / "x.docx", "x")))


def test_bad_field_mapping():
    with pytest.raises(InputError, match="NAME=COLUMN"):
        parse_field_mapping(["document"])
    with pytest.raises(InputError, match="unknown field 'documnt'"):
        parse_field_mapping(["documnt=article"])
    # new-user trial, session 5: the last of two won silently; one column read as two fields scored a text against itself
    with pytest.raises(InputError, match="--field summary is given twice"):
        parse_field_mapping(["summary=gen", "summary=text"])
    with pytest.raises(InputError, match="--field document=text and --field summary=text read one column as two fields"):
        parse_field_mapping(["document=text", "summary=text"])
    assert parse_field_mapping(["summary=gen", "summary=gen"]) == {"summary": "gen"}


@pytest.mark.parametrize(("content", "message"), [
    ('id,document,summary\na,The council approved 300 homes.,"300 homes\nb,Rain closed the A1.,A1 closed\n',
     r"a\.csv:2: malformed CSV in the record starting here \(unexpected end of data; a double quote opened and never closed\?\)"),
    ("id,document,summary,summary\na,Doc.,One.,Two.\n", r"a\.csv:1: column 'summary' appears twice in the header"),
    ("id,document,summary\n" + "a,Doc.,Sum.\n" * 0 + "".join(f"d{i},Doc {i}.,Sum.\n" for i in range(3000)) + "z,Caf\xe9.,Sum.\n",
     r"a\.csv:3002: not valid UTF-8 \(byte 5 of the line\)"),
], ids=["unclosed-quote", "repeated-column", "bad-byte-far-down"])
def test_csv_mistakes_name_the_line(tmp_path, content, message):
    # the unclosed quote used to swallow the rest of the file into one summary; the byte offset of a
    # bad byte was counted from the reader's buffer, not the file
    data = content.encode("latin-1") if "\xe9" in content else content.encode("utf-8")
    with pytest.raises(InputError, match=message):
        load_rows(str(write(tmp_path / "a.csv", data)))


@pytest.mark.parametrize(("raw", "expected"), [
    ("  ", None), ("", None), (7, "7"), (7.0, "7"), (7.5, "7.5"), (float("nan"), None), (" x ", "x"),
])
def test_ids_read_the_same_from_any_format(tmp_path, raw, expected):
    # a blank id is no id (content id, as for a missing one); pandas turns an int column with a gap
    # into floats, and 7.0 must still pair with the 7 a CSV of the same data gives
    import pandas as pd

    pd.DataFrame({"id": [raw], "document": ["A text."]}).to_parquet(tmp_path / "a.parquet")
    (row,) = load_rows(str(tmp_path / "a.parquet"))
    assert row.document.id == (expected if expected is not None else content_id("A text."))


def test_mapping_to_a_missing_column(tmp_path):
    p = write(tmp_path / "a.jsonl", jsonl([{"document": "x"}]))
    with pytest.raises(InputError, match="no column 'article'"):
        load_rows(str(p), fields={"document": "article"})


def test_same_document_several_systems_share_an_id(tmp_path):
    shared = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "frank_val.jsonl"
    if not shared.exists():
        pytest.skip("../shared/data is not beside this checkout")
    rows = load_rows(str(shared))
    assert len(rows) == 671
    assert len({r.document.id for r in rows}) < len(rows)  # several systems per document


def test_optional_fields_may_first_appear_on_a_later_row(tmp_path):
    # regression: the seed file's first row (the seed article) has no reference; later rows do
    p = write(tmp_path / "a.jsonl", jsonl([{"id": "a", "document": "x"}, {"id": "b", "document": "y", "reference": "R."}]))
    rows = load_rows(str(p))
    assert [r.document.references for r in rows] == [(), ("R.",)]


def test_csv_excel_bom_tsv_and_ragged_rows(tmp_path):
    # regression (review): Excel's BOM hid the id column; .tsv was split on commas; ragged rows passed
    bom = write(tmp_path / "bom.csv", "\ufeffid,document\nx1,Doc.\n")
    assert load_rows(str(bom))[0].document.id == "x1"
    tsv = write(tmp_path / "t.tsv", "id\tdocument\tsummary\nx1\tDoc, with comma.\tS.\n")
    assert load_rows(str(tsv))[0].document.text == "Doc, with comma."
    ragged = write(tmp_path / "r.csv", "id,document\nx1,Doc.,extra\n")
    with pytest.raises(InputError, match=r"r\.csv:2: the row's number of fields"):
        load_rows(str(ragged))
    big = write(tmp_path / "big.csv", "id,document\nx1," + "word " * 40_000 + "\n")
    assert len(load_rows(str(big))[0].document.text) > 131_072


def test_jsonl_with_a_byte_order_mark(tmp_path):
    p = write(tmp_path / "a.jsonl", b'\xef\xbb\xbf{"id": "a", "document": "x"}\n')
    assert load_rows(str(p))[0].document.id == "a"



GOOD_LABELLED = b'{"document": "ok", "summary": "ok", "label": 1}\n'


@pytest.mark.parametrize("content,message", [
    (GOOD_LABELLED + b'{"document": oops}\n', r"a\.jsonl:2: malformed JSON"),
    (GOOD_LABELLED + b'{"document": "caf\xe9", "summary": "s", "label": 1}\n', r"a\.jsonl:2: not valid UTF-8"),
    (GOOD_LABELLED + b'[1, 2]\n', r"a\.jsonl:2: expected a JSON object .*got a JSON array"),
], ids=["malformed", "non-utf8", "list"])
def test_labelled_data_goes_through_the_same_reader(tmp_path, content, message):
    # one JSONL reader, one policy: `sumcheck meta-eval` and `calibrate` fail exactly as `sumcheck score` does
    from sumcheck.metaeval.data import load_labelled

    p = write(tmp_path / "a.jsonl", content)
    with pytest.raises(InputError) as by_score:
        load_rows(str(p))
    with pytest.raises(InputError) as by_meta_eval:
        load_labelled(p)
    assert str(by_meta_eval.value) == str(by_score.value)
    assert re.search(message, str(by_meta_eval.value))


@pytest.mark.parametrize("reference", [42, 3.5, True, {"text": "x"}, ["The cat.", 7]])
def test_a_reference_that_is_not_text_names_the_line(tmp_path, reference):
    rows = [{"document": "The cat has 3 legs.", "summary": "The cat has 3 legs.", "reference": "The cat."},
            {"document": "The cat has 3 legs.", "summary": "The cat has 3 legs.", "reference": reference}]
    p = write(tmp_path / "a.jsonl", jsonl(rows))
    with pytest.raises(InputError, match=r"a\.jsonl:2: field 'reference' must be text"):
        load_rows(str(p))


def test_summary_column_is_recorded_only_where_the_record_has_it(tmp_path):
    p = write(tmp_path / "a.jsonl", jsonl([{"document": "D.", "summary": None}, {"id": "b", "document": "E."}]))
    first, second = load_rows(str(p))
    assert (first.summary, first.summary_column) == (None, "summary")
    assert (second.summary, second.summary_column) == (None, None)


def test_csv_line_numbers_are_where_a_multi_line_record_starts(tmp_path):
    # new-user trial: a quoted document spanning lines made errors point at the line where the record ended
    path = tmp_path / "ml.csv"
    path.write_text('id,document,summary\nd0,"line one\nline two\nline three",s0\nd1,doc,s1\nd0,doc again,s2\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"duplicate id 'd0' on lines 2 and 6"):  # record d0 starts on line 2 (the header is 1)
        load_rows(str(path))


def test_csv_line_numbers_skip_blank_lines_before_a_record(tmp_path):
    # review: blank lines before a record (skipped by csv) shifted the reported start line
    path = tmp_path / "blank.csv"
    path.write_text('id,document,summary\n\n\nd0,"line one\nline two",s0\nd0,doc again,s2\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"duplicate id 'd0' on lines 4 and 6"):
        load_rows(str(path))


@pytest.mark.parametrize(("content", "rows"), [
    ("id,document,summary\r1,Hello world.,Hi\r2,Second doc.,S\r", [("1", "Hello world.", "Hi"), ("2", "Second doc.", "S")]),
    ("id,document,summary,,\n1,Hello world.,Hi,,\n", [("1", "Hello world.", "Hi")]),
    ('\ufeffid,document,summary\r\n1,"Two\r\nlines.",Hi\r\n', [("1", "Two\r\nlines.", "Hi")]),
], ids=["cr-only-line-ends", "unnamed-trailing-columns", "bom-crlf-quoted-newline"])
def test_csv_shapes_spreadsheets_write_still_load(tmp_path, content, rows):
    # code review, session 5: the per-line reader must end lines where csv does (\r, \n, \r\n), and
    # Excel's empty trailing header cells are not a repeated column
    got = load_rows(str(write(tmp_path / "a.csv", content.encode("utf-8"))))
    assert [(r.document.id, r.document.text, r.summary) for r in got] == rows


def test_mapping_and_split_mistakes_from_configs_and_the_api(tmp_path):
    # new-user trial, session 5: data.fields / fields= took unknown names silently (the CLI refused them),
    # and a split on a JSONL file was ignored
    from sumcheck.summarize.io import load_records

    p = write(tmp_path / "a.jsonl", jsonl([{"document": "A text.", "summary": "A."}]))
    with pytest.raises(InputError, match="fields: summry: summary: unknown field 'summry'"):
        load_rows(str(p), fields={"summry": "summary"})
    with pytest.raises(InputError, match="read one column as two fields"):
        load_records([{"text": "A."}], fields={"document": "text", "summary": "text"})
    with pytest.raises(InputError, match="split 'test' given, but only a `datasets` source"):
        load_rows(str(p), split="test")
