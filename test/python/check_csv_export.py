#!/usr/bin/env python3
"""Check an Annotation Workbench CSV export with Python's csv module, against the JSON export.

Usage: python3 check_csv_export.py CSV_DIR EXPORT.json

Reads CSV_DIR/datapackage.json and, for every table it lists: opens the CSV with the declared
encoding, checks the header equals the declared fields, every record has as many fields as the
header, integer fields parse; then checks spans.csv against the JSON export's document texts
(text[start:end] == text, in code points), that every relation and statement points at spans that
exist, and that each statement's claim is its claim span's text.
Exits 0 when everything holds, 1 with one line per problem otherwise. Standard library only.
"""
import csv
import json
import os
import sys

MAX_REPORTED = 20


def read_tables(folder, problems):
    with open(os.path.join(folder, "datapackage.json"), encoding="utf-8") as f:
        package = json.load(f)
    if package.get("offset_unit") != "codepoint":
        problems.append(f"datapackage.json: offset_unit is {package.get('offset_unit')!r}")
    tables = {}
    for resource in package["resources"]:
        path = os.path.join(folder, resource["path"])
        fields = resource["schema"]["fields"]
        names = [field["name"] for field in fields]
        # newline="" as the csv module requires: quoted fields may hold line breaks.
        with open(path, encoding=resource["encoding"], newline="") as f:
            rows = list(csv.reader(f, strict=True))
        if not rows or rows[0] != names:
            problems.append(f"{resource['path']}: header {rows[0] if rows else None} != {names}")
            continue
        records = []
        for number, row in enumerate(rows[1:], start=2):
            if len(row) != len(names):
                problems.append(f"{resource['path']} record {number}: {len(row)} fields, header has {len(names)}")
                continue
            record = dict(zip(names, row))
            for field in fields:
                if field["type"] == "integer":
                    try:
                        record[field["name"]] = int(record[field["name"]])
                    except ValueError:
                        problems.append(f"{resource['path']} record {number}: {field['name']} is not an integer")
            records.append(record)
        tables[resource["name"]] = records
    return tables


def check(folder, export_path):
    problems = []
    with open(export_path, encoding="utf-8") as f:
        texts = {doc["id"]: doc["text"] for doc in json.load(f)["documents"]}
    tables = read_tables(folder, problems)
    spans = {}
    for number, s in enumerate(tables.get("spans", []), start=2):
        spans[(s["document"], s["annotator"], s["id"])] = s
        text = texts.get(s["document"])
        if text is None:
            problems.append(f"spans.csv record {number}: unknown document {s['document']!r}")
        elif text[s["start"]:s["end"]] != s["text"]:
            problems.append(
                f"spans.csv record {number} (span {s['id']!r}): text[{s['start']}:{s['end']}] is "
                f"{text[s['start']:s['end']]!r}, the text column {s['text']!r}"
            )
    for number, r in enumerate(tables.get("relations", []), start=2):
        for end in ("from", "to"):
            if (r["document"], r["annotator"], r[end]) not in spans:
                problems.append(f"relations.csv record {number}: {end} span {r[end]!r} is not in spans.csv")
    for number, st in enumerate(tables.get("statements", []), start=2):
        claim = spans.get((st["document"], st["annotator"], st["claim_id"]))
        if claim is None or claim["text"] != st["claim"]:
            problems.append(f"statements.csv record {number}: claim {st['claim_id']!r} does not match spans.csv")
        if (st["document"], st["annotator"], st["actor_span"]) not in spans:
            problems.append(f"statements.csv record {number}: actor span {st['actor_span']!r} is not in spans.csv")
    return problems, {name: len(rows) for name, rows in tables.items()}


def main(argv):
    if len(argv) != 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    problems, counts = check(argv[1], argv[2])
    if problems:
        print(f"{argv[1]}: {len(problems)} problem(s)", file=sys.stderr)
        for problem in problems[:MAX_REPORTED]:
            print(f"  {problem}", file=sys.stderr)
        return 1
    summary = ", ".join(f"{name} {n}" for name, n in counts.items())
    print(f"{argv[1]}: {summary} records; all span slices match")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
