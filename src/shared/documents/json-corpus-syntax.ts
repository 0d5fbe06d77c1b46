/**
 * Where JSON text is broken, and how, in words a person can act on. JSON.parse says only
 * "Unexpected token" and, depending on the engine version, sometimes a character position;
 * this scanner runs after JSON.parse has failed and finds the first error with its line and
 * column. It accepts exactly what JSON.parse accepts (RFC 8259), which its tests check.
 */

export interface JsonSyntaxError {
  /** UTF-16 offset of the error in the source. */
  readonly offset: number;
  /** 1-based; lines end at "\n", "\r\n" or "\r". */
  readonly line: number;
  /** 1-based, in UTF-16 code units from the start of the line (as most editors count). */
  readonly column: number;
  readonly problem: string;
}

type Expect =
  | 'value'
  | 'value_or_close'
  | 'value_after_comma'
  | 'key_or_close'
  | 'key_after_comma'
  | 'colon'
  | 'comma_or_close'
  | 'end';

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const WHITESPACE = /[ \t\n\r]*/y;
const HEX4 = /^[0-9a-fA-F]{4}$/;

/** The first syntax error in `source`, or undefined when `source` is valid JSON. */
export function findJsonSyntaxError(source: string): JsonSyntaxError | undefined {
  const at = (offset: number, problem: string): JsonSyntaxError => ({
    offset,
    ...lineAndColumn(source, offset),
    problem,
  });
  const containers: ('{' | '[')[] = [];
  let expect: Expect = 'value';
  let pos = 0;
  while (true) {
    WHITESPACE.lastIndex = pos;
    WHITESPACE.exec(source);
    pos = WHITESPACE.lastIndex;
    if (pos >= source.length) {
      if (expect === 'end') return undefined;
      const open = containers.at(-1);
      return at(
        pos,
        open
          ? `the JSON ends before this ${open === '{' ? 'object' : 'array'} is closed with "${open === '{' ? '}' : ']'}"`
          : 'there is no JSON value (the text is empty)',
      );
    }
    const c = source[pos]!;
    if (expect === 'end') return at(pos, 'unexpected text after the end of the JSON value');

    if (expect === 'colon') {
      if (c !== ':') return at(pos, 'expected ":" after the property name');
      pos++;
      expect = 'value';
      continue;
    }
    if (expect === 'comma_or_close') {
      const open = containers.at(-1)!;
      const close = open === '{' ? '}' : ']';
      if (c === ',') {
        pos++;
        expect = open === '{' ? 'key_after_comma' : 'value_after_comma';
      } else if (c === close) {
        pos++;
        containers.pop();
        expect = containers.length === 0 ? 'end' : 'comma_or_close';
      } else {
        return at(
          pos,
          `expected "," or "${close}" after ${open === '{' ? 'a property value' : 'an array element'}`,
        );
      }
      continue;
    }
    if (expect === 'key_or_close' || expect === 'key_after_comma') {
      if (c === '}') {
        if (expect === 'key_after_comma') {
          return at(pos, 'a comma before "}": JSON does not allow a trailing comma');
        }
        pos++;
        containers.pop();
        expect = containers.length === 0 ? 'end' : 'comma_or_close';
        continue;
      }
      if (c !== '"') {
        return at(
          pos,
          c === "'"
            ? 'property names must be in double quotes ("), not single quotes'
            : 'expected a property name in double quotes',
        );
      }
      const end = scanString(source, pos);
      if (typeof end !== 'number') return at(end.offset, end.problem);
      pos = end;
      expect = 'colon';
      continue;
    }

    // A value is expected.
    if (c === ']' && expect === 'value_or_close') {
      pos++;
      containers.pop();
      expect = containers.length === 0 ? 'end' : 'comma_or_close';
      continue;
    }
    if (c === ']' && expect === 'value_after_comma') {
      return at(pos, 'a comma before "]": JSON does not allow a trailing comma');
    }
    if (c === '{' || c === '[') {
      containers.push(c);
      pos++;
      expect = c === '{' ? 'key_or_close' : 'value_or_close';
      continue;
    }
    if (c === '"') {
      const end = scanString(source, pos);
      if (typeof end !== 'number') return at(end.offset, end.problem);
      pos = end;
    } else if (c === '-' || (c >= '0' && c <= '9')) {
      NUMBER.lastIndex = pos;
      if (!NUMBER.test(source)) return at(pos, 'not a valid number');
      pos = NUMBER.lastIndex;
    } else {
      const literal = ['true', 'false', 'null'].find((word) => source.startsWith(word, pos));
      if (!literal) {
        return at(
          pos,
          c === "'"
            ? 'strings must be in double quotes ("), not single quotes'
            : 'expected a value (a string in double quotes, a number, true, false, null, an object or an array)',
        );
      }
      pos += literal.length;
    }
    expect = containers.length === 0 ? 'end' : 'comma_or_close';
  }
}

/** The offset just after the string that starts at `start` (a `"`), or what is wrong with it. */
function scanString(source: string, start: number): number | { offset: number; problem: string } {
  let pos = start + 1;
  while (pos < source.length) {
    const code = source.charCodeAt(pos);
    if (code === 0x22) return pos + 1;
    if (code < 0x20) {
      return {
        offset: pos,
        problem:
          'a control character (such as a line break or a tab) inside a string; write it as an escape like \\n or \\t',
      };
    }
    if (code === 0x5c) {
      const escape = source[pos + 1];
      if (escape === 'u') {
        if (!HEX4.test(source.slice(pos + 2, pos + 6))) {
          return { offset: pos, problem: 'a \\u escape needs four hexadecimal digits' };
        }
        pos += 6;
        continue;
      }
      if (escape === undefined || !'"\\/bfnrt'.includes(escape)) {
        return {
          offset: pos,
          problem:
            'an invalid escape in a string (valid: \\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)',
        };
      }
      pos += 2;
      continue;
    }
    pos++;
  }
  return { offset: start, problem: 'a string that is never closed with "' };
}

function lineAndColumn(source: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const breaks = /\r\n?|\n/g;
  for (
    let match = breaks.exec(source);
    match && match.index < offset;
    match = breaks.exec(source)
  ) {
    line++;
    lineStart = match.index + match[0].length;
  }
  return { line, column: offset - lineStart + 1 };
}
