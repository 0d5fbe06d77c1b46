#!/usr/bin/env python3
"""Check an Annotation Workbench spaCy/Prodigy JSONL export the way spaCy and Prodigy read it.

Usage: python3 check_jsonl_export.py EXPORT.jsonl

For every line: offset_unit is "codepoint"; tokens are numbered 0..n-1, non-empty, in order,
text[t.start:t.end] == t.text, and "".join(t.text + " " * t.ws) == text (what spaCy's
Doc(vocab, words, spaces) needs); every span has text[start:end] == span.text, and its INCLUSIVE
token_start/token_end are the first and last token it touches (absent only when it touches none);
every relation joins two spans of the line, with head/child = their last tokens.
Exits 0 when everything holds, 1 with one line per problem otherwise. Standard library only.
"""
import json
import sys

MAX_REPORTED = 20


def touched(tokens, start, end):
    """Indices of tokens overlapping [start, end)."""
    return [t["id"] for t in tokens if t["start"] < end and t["end"] > start]


def check_record(record, where):
    problems = []
    text = record["text"]
    tokens = record["tokens"]
    if record.get("offset_unit") != "codepoint":
        problems.append(f"{where}: offset_unit is {record.get('offset_unit')!r}")
    for i, t in enumerate(tokens):
        if t["id"] != i:
            problems.append(f"{where}: token {i} has id {t['id']}")
        if not t["text"] or text[t["start"]:t["end"]] != t["text"]:
            problems.append(f"{where}: token {i} text[{t['start']}:{t['end']}] != {t['text']!r}")
        if i and tokens[i - 1]["end"] > t["start"]:
            problems.append(f"{where}: token {i} overlaps the token before it")
    rebuilt = "".join(t["text"] + (" " if t["ws"] else "") for t in tokens)
    if rebuilt != text:
        problems.append(f"{where}: tokens and spaces do not rebuild the text")
    spans = {}
    for s in record["spans"]:
        spans[s["id"]] = s
        start, end = s["start"], s["end"]
        if not (0 <= start <= end <= len(text)) or text[start:end] != s["text"]:
            problems.append(f"{where}, span {s['id']!r}: text[{start}:{end}] != {s['text']!r}")
            continue
        ids = touched(tokens, start, end) if start < end else []
        expected = (ids[0], ids[-1]) if ids else None
        actual = (s["token_start"], s["token_end"]) if "token_start" in s else None
        if actual != expected:
            problems.append(
                f"{where}, span {s['id']!r}: token_start/token_end {actual}, expected {expected}"
            )
    for r in record["relations"]:
        for role in ("head", "child"):
            span = r[f"{role}_span"]
            if spans.get(span["id"]) != span:
                problems.append(f"{where}: relation {r['label']!r} {role}_span is not a span of the line")
            elif r.get(role) != span.get("token_end"):
                problems.append(f"{where}: relation {r['label']!r} {role} is not its span's last token")
    return problems


def main(argv):
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    problems = []
    lines = 0
    with open(argv[1], encoding="utf-8") as f:
        for number, line in enumerate(f, start=1):
            record = json.loads(line)
            lines += 1
            where = f"line {number} (document {record['meta']['id']!r}, {record['meta']['annotator']})"
            problems.extend(check_record(record, where))
    if problems:
        print(f"{argv[1]}: {len(problems)} problem(s)", file=sys.stderr)
        for problem in problems[:MAX_REPORTED]:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print(f"{argv[1]}: {lines} lines, tokens rebuild every text, all slices and token ranges match")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
