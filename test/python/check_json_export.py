#!/usr/bin/env python3
"""Check an Annotation Workbench JSON export the way a researcher's Python code will read it.

Usage: python3 check_json_export.py EXPORT.json

For every document: the text's SHA-256 matches `sha256`; for every span:
0 <= start <= end <= len(text) and text[start:end] == span["text"] (Python slices code points,
so this holds only if the export counts code points, not UTF-16 units); every relation joins two
spans of its own annotator. Exits 0 when everything holds, 1 with one line per problem otherwise.
Standard library only.
"""
import hashlib
import json
import sys

MAX_REPORTED = 20


def check(export):
    problems = []
    if export.get("offset_unit") != "codepoint":
        problems.append(f'offset_unit is {export.get("offset_unit")!r}, expected "codepoint"')
    for doc in export["documents"]:
        text = doc["text"]
        where = f'document {doc["id"]!r}'
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
        if digest != doc["sha256"]:
            problems.append(f"{where}: sha256 of text is {digest}, export says {doc['sha256']}")
        span_ids = set()
        for a in doc["annotations"]:
            start, end = a["start"], a["end"]
            span_ids.add((a["annotator"], a["id"]))
            if not (0 <= start <= end <= len(text)):
                problems.append(
                    f'{where}, span {a["id"]!r}: [{start}, {end}) is outside the text '
                    f"(length {len(text)} code points)"
                )
            elif text[start:end] != a["text"]:
                problems.append(
                    f'{where}, span {a["id"]!r}: text[{start}:{end}] is {text[start:end]!r}, '
                    f'span text is {a["text"]!r}'
                )
        for r in doc["relations"]:
            for end_name in ("from", "to"):
                if (r["annotator"], r[end_name]) not in span_ids:
                    problems.append(
                        f'{where}, relation {r["id"]!r}: its {end_name} span {r[end_name]!r} '
                        f'is not among {r["annotator"]!r}\'s spans'
                    )
    return problems


def main(argv):
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        export = json.load(f)
    problems = check(export)
    if problems:
        print(f"{argv[1]}: {len(problems)} problem(s)", file=sys.stderr)
        for problem in problems[:MAX_REPORTED]:
            print(f"  {problem}", file=sys.stderr)
        return 1
    spans = sum(len(d["annotations"]) for d in export["documents"])
    print(f'{argv[1]}: {len(export["documents"])} documents, {spans} spans, all slices match')
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
