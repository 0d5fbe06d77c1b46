#!/usr/bin/env python3
"""Check a GraphML file the way graph libraries read it, with the standard library's XML parser.

Usage: python3 check_graphml_export.py FILE.graphml [FILE.graphml ...]

For every file: it parses as XML in the GraphML namespace; keys have unique ids and a known
attr.type; every <data> names a key declared for its element (graph, node or edge); int values
parse as integers; node ids are unique; every edge joins two declared nodes.
Prints "FILE: N nodes, M edges, total weight W" per file; exits 1 with one line per problem
otherwise. Standard library only.
"""
import sys
import xml.etree.ElementTree as ET

NS = "{http://graphml.graphdrawing.org/xmlns}"


def check(path):
    problems = []
    root = ET.parse(path).getroot()
    if root.tag != f"{NS}graphml":
        return [f"{path}: root is {root.tag}, not graphml"], ""
    keys = {}
    for key in root.findall(f"{NS}key"):
        if key.get("id") in keys:
            problems.append(f"{path}: key {key.get('id')} declared twice")
        if key.get("attr.type") not in ("string", "int", "long", "double", "float", "boolean"):
            problems.append(f"{path}: key {key.get('id')} has type {key.get('attr.type')}")
        keys[key.get("id")] = key
    graph = root.find(f"{NS}graph")
    nodes = set()
    weight = 0
    for element in graph.iter():
        kind = element.tag[len(NS):]
        if kind == "node":
            if element.get("id") in nodes:
                problems.append(f"{path}: node {element.get('id')} twice")
            nodes.add(element.get("id"))
        for data in element.findall(f"{NS}data"):
            key = keys.get(data.get("key"))
            if key is None or key.get("for") != kind:
                problems.append(f"{path}: <data key={data.get('key')}> is not declared for {kind}")
            elif key.get("attr.type") == "int":
                try:
                    value = int(data.text)
                except (TypeError, ValueError):
                    problems.append(f"{path}: {data.get('key')} value {data.text!r} is not an int")
                    continue
                if kind == "edge" and key.get("attr.name") == "weight":
                    weight += value
    edges = graph.findall(f"{NS}edge")
    for edge in edges:
        for end in ("source", "target"):
            if edge.get(end) not in nodes:
                problems.append(f"{path}: edge {edge.get('id')} {end} {edge.get(end)} is not a node")
    return problems, f"{path}: {len(nodes)} nodes, {len(edges)} edges, total weight {weight}"


def main(argv):
    if len(argv) < 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    failed = False
    for path in argv[1:]:
        problems, summary = check(path)
        if problems:
            failed = True
            for problem in problems:
                print(f"  {problem}", file=sys.stderr)
        else:
            print(summary)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
