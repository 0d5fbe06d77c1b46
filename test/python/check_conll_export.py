#!/usr/bin/env python3
"""Check an Annotation Workbench CoNLL export against the JSON export: nothing silently lost.

Usage: python3 check_conll_export.py CONLL_DIR EXPORT.json LABEL[,LABEL...]

For every ANNOTATOR.conll: each token line is "TOKEN START END TAG" with text[START:END] == TOKEN
(code points); tags are valid IOB2. Then every span of the given labels in the JSON export is
either written exactly (a B-/I- run with its label and its start and end) or listed in
loss-report.tsv; every run in the file is a written span, exact or listed as widened.
Exits 0 when everything holds, 1 with one line per problem otherwise. Standard library only.
"""
import csv
import json
import os
import sys

MAX_REPORTED = 20


def read_runs(path, texts, problems):
    """(document, label, start, end) of every B-/I- run in a .conll file."""
    runs = []
    doc = None
    current = None
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, start=1):
            line = line.rstrip("\n")
            if line.startswith("-DOCSTART-"):
                doc = line.split(" ")[1]
                current = None
                continue
            if not line:
                current = None
                continue
            token, start, end, tag = line.split(" ")
            start, end = int(start), int(end)
            if texts[doc][start:end] != token:
                problems.append(f"{path}:{number}: text[{start}:{end}] is {texts[doc][start:end]!r}, token {token!r}")
            if tag == "O":
                current = None
            elif tag.startswith("B-"):
                current = [doc, tag[2:], start, end]
                runs.append(current)
            elif tag.startswith("I-") and current is not None and current[1] == tag[2:]:
                current[3] = end
            else:
                problems.append(f"{path}:{number}: {tag} does not continue a span (not IOB2)")
                current = None
    return [tuple(run) for run in runs]


def main(argv):
    if len(argv) != 4:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    folder, export_path, labels = argv[1], argv[2], argv[3].split(",")
    with open(export_path, encoding="utf-8") as f:
        export = json.load(f)
    texts = {doc["id"]: doc["text"] for doc in export["documents"]}
    with open(os.path.join(folder, "loss-report.tsv"), encoding="utf-8", newline="") as f:
        reported = {(r["annotator"], r["document"], r["span"]): r["reason"] for r in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)}
    problems = []
    written = 0
    for annotator in export["annotators"]:
        path = os.path.join(folder, f"{annotator}.conll")
        runs = read_runs(path, texts, problems)
        unexplained = list(runs)
        for doc in export["documents"]:
            for a in doc["annotations"]:
                if a["annotator"] != annotator or a["label"] not in labels:
                    continue
                key = (doc["id"], "_".join(a["label"].split()), a["start"], a["end"])
                reason = reported.get((annotator, doc["id"], a["id"]))
                if key in unexplained:
                    unexplained.remove(key)
                    written += 1
                elif reason is None:
                    problems.append(f"{annotator}: span {a['id']} ({a['label']} {a['text']!r}) is neither written nor reported")
                elif reason.startswith("boundary inside a token"):
                    widened = [r for r in unexplained if r[0] == doc["id"] and r[1] == key[1] and r[2] <= a["start"] and r[3] >= a["end"]]
                    if widened:
                        unexplained.remove(widened[0])
                        written += 1
                    else:
                        problems.append(f"{annotator}: widened span {a['id']} is not in the file")
        for run in unexplained:
            problems.append(f"{annotator}: {run} in the file is no span of the export")
    if problems:
        print(f"{folder}: {len(problems)} problem(s)", file=sys.stderr)
        for problem in problems[:MAX_REPORTED]:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print(f"{folder}: {written} spans written, {len(reported)} reported, every token slice matches")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
