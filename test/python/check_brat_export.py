#!/usr/bin/env python3
"""Check an Annotation Workbench brat export the way brat's own loader verifies standoff files.

Usage: python3 check_brat_export.py BRAT_DIR

For every ANNOTATOR/DOC.ann next to DOC.txt: each T line's fragments lie inside the text
(code points, as brat slices a Python str), contain no line break, do not overlap, and its text
is the fragments' text joined by one space (brat's DISCONT_SEP); each R, A, N and # line points
at a T line of the same file; every type used is declared in annotation.conf.
Exits 0 when everything holds, 1 with one line per problem otherwise. Standard library only.
"""
import os
import re
import sys

MAX_REPORTED = 20


def declared_names(conf_path):
    names = set()
    with open(conf_path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line and not line.startswith(("#", "[", "<")):
                names.add(line.split("\t")[0].strip())
    return names


def check_ann(ann_path, text, declared):
    problems = []
    where = os.path.relpath(ann_path)
    textbound = set()
    with open(ann_path, encoding="utf-8", newline="") as f:
        lines = f.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    for number, line in enumerate(lines, start=1):
        ann_id, _, rest = line.partition("\t")
        if ann_id.startswith("T"):
            data, _, covered = rest.partition("\t")
            label, _, offsets = data.partition(" ")
            spans = [tuple(int(x) for x in part.split(" ")) for part in offsets.split(";")]
            pieces = []
            for start, end in spans:
                if not (0 <= start <= end <= len(text)):
                    problems.append(f"{where}:{number}: {start} {end} is outside the text")
                elif "\n" in text[start:end] or "\r" in text[start:end]:
                    problems.append(f"{where}:{number}: fragment {start} {end} holds a line break")
                pieces.append(text[start:end])
            for a, b in zip(spans, spans[1:]):
                if b[0] <= a[1]:
                    problems.append(f"{where}:{number}: fragments overlap or touch")
            if " ".join(pieces) != covered:
                problems.append(f"{where}:{number}: text {covered!r} != fragments {' '.join(pieces)!r}")
            if label not in declared:
                problems.append(f"{where}:{number}: type {label!r} is not in annotation.conf")
            textbound.add(ann_id)
        elif ann_id.startswith("R"):
            label, arg1, arg2 = rest.split(" ")
            for arg in (arg1, arg2):
                if arg.split(":")[1] not in textbound:
                    problems.append(f"{where}:{number}: {arg} is not a T line above")
            if label not in declared:
                problems.append(f"{where}:{number}: relation type {label!r} is not in annotation.conf")
        elif ann_id[0] in "AN#":
            data = rest.split("\t")[0]
            match = re.match(r"(\S+) (\S+)", data)
            if not match or match.group(2) not in textbound:
                problems.append(f"{where}:{number}: {ann_id} does not point at a T line")
            elif ann_id[0] == "A" and match.group(1) not in declared:
                problems.append(f"{where}:{number}: attribute {match.group(1)!r} is not in annotation.conf")
        else:
            problems.append(f"{where}:{number}: unknown line {line!r}")
    return problems, len(textbound)


def main(argv):
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    folder = argv[1]
    declared = declared_names(os.path.join(folder, "annotation.conf"))
    problems = []
    spans = 0
    for root, _, files in os.walk(folder):
        for name in sorted(files):
            if name.endswith(".ann"):
                with open(os.path.join(root, name[:-4] + ".txt"), encoding="utf-8", newline="") as f:
                    text = f.read()
                found, count = check_ann(os.path.join(root, name), text, declared)
                problems.extend(found)
                spans += count
    if problems:
        print(f"{folder}: {len(problems)} problem(s)", file=sys.stderr)
        for problem in problems[:MAX_REPORTED]:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print(f"{folder}: {spans} text-bound annotations, all fragments match the text")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
