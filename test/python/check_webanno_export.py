#!/usr/bin/env python3
"""Check an Annotation Workbench W3C Web Annotation export against the JSON export's texts.

Usage: python3 check_webanno_export.py ANNOTATIONS.jsonld EXPORT.json

For every annotation that targets a document: text[start:end] of its TextPositionSelector equals
its TextQuoteSelector's exact, and prefix/suffix are the text right before and after (Python
slices code points, as the W3C model counts them). Every relation's List target names two
annotations of the collection. Exits 0 when everything holds, 1 with one line per problem
otherwise. Standard library only.
"""
import json
import sys

MAX_REPORTED = 20
DOC_PREFIX = "urn:workbench:doc:"


def check(collection, texts):
    problems = []
    if "http://www.w3.org/ns/anno.jsonld" not in collection["@context"]:
        problems.append("the W3C context is missing")
    items = collection["first"]["items"] if collection.get("first") else []
    if collection["total"] != len(items):
        problems.append(f"total is {collection['total']}, the page lists {len(items)}")
    ids = {item["id"] for item in items}
    for item in items:
        target = item["target"]
        if target.get("type") == "List":
            for member in target["items"]:
                if member not in ids:
                    problems.append(f"{item['id']}: target {member} is not in the collection")
            continue
        text = texts.get(target["source"][len(DOC_PREFIX):])
        quote = next(s for s in target["selector"] if s["type"] == "TextQuoteSelector")
        position = next(s for s in target["selector"] if s["type"] == "TextPositionSelector")
        start, end = position["start"], position["end"]
        if text is None:
            problems.append(f"{item['id']}: unknown source {target['source']}")
        elif text[start:end] != quote["exact"]:
            problems.append(f"{item['id']}: text[{start}:{end}] is {text[start:end]!r}, exact is {quote['exact']!r}")
        elif not text[:start].endswith(quote["prefix"]) or not text[end:].startswith(quote["suffix"]):
            problems.append(f"{item['id']}: prefix or suffix does not surround the quote")
    return problems, len(items)


def main(argv):
    if len(argv) != 3:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        collection = json.load(f)
    with open(argv[2], encoding="utf-8") as f:
        texts = {doc["id"]: doc["text"] for doc in json.load(f)["documents"]}
    problems, count = check(collection, texts)
    if problems:
        print(f"{argv[1]}: {len(problems)} problem(s)", file=sys.stderr)
        for problem in problems[:MAX_REPORTED]:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print(f"{argv[1]}: {count} annotations, all positions select their exact quote")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
