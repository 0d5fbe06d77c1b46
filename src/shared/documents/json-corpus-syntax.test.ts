import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findJsonSyntaxError } from './json-corpus-syntax';

describe('findJsonSyntaxError', () => {
  it.each([
    ['{"a": }', 1, 7, /expected a value/],
    ['{"a": 1', 1, 8, /ends before this object is closed with "}"/],
    ['[1,\n2,,]', 2, 3, /expected a value/],
    ['[1,\n 2,\n]', 3, 1, /trailing comma/],
    ['{"a": 1,}', 1, 9, /trailing comma/],
    ['{x: 1}', 1, 2, /property name in double quotes/],
    ["{'x': 1}", 1, 2, /double quotes \("\), not single quotes/],
    ["['x']", 1, 2, /strings must be in double quotes/],
    ['{"a" 1}', 1, 6, /expected ":"/],
    ['{"a": 1 "b": 2}', 1, 9, /expected "," or "}" after a property value/],
    ['[1 2]', 1, 4, /expected "," or "]" after an array element/],
    ['"line\nbreak"', 1, 6, /control character/],
    ['"bad \\x escape"', 1, 6, /invalid escape/],
    ['"\\u12G4"', 1, 2, /four hexadecimal digits/],
    ['"never closed', 1, 1, /never closed/],
    ['-', 1, 1, /not a valid number/],
    ['01', 1, 2, /after the end of the JSON value/],
    ['NaN', 1, 1, /expected a value/],
    ['{} {}', 1, 4, /after the end of the JSON value/],
    ['', 1, 1, /no JSON value/],
    ['\r\n\r\n  x', 3, 3, /expected a value/],
  ])('%j: line %i, column %i', (source, line, column, problem) => {
    const error = findJsonSyntaxError(source);
    expect(error).toMatchObject({ line, column });
    expect(error!.problem).toMatch(problem);
    expect(() => JSON.parse(source)).toThrow();
  });

  it.each(['{}', '[]', ' {"a": [1, -2.5e+3, true, false, null, "\\u00e9\\n"]} ', '"x"', '0'])(
    'accepts %j',
    (source) => {
      expect(findJsonSyntaxError(source)).toBeUndefined();
    },
  );

  it('accepts exactly what JSON.parse accepts', () => {
    const tokens = [
      '{',
      '}',
      '[',
      ']',
      ',',
      ':',
      '"a"',
      '"\\n"',
      '"\\q"',
      '1',
      '-0.5e2',
      '01',
      'true',
      'nul',
      ' ',
      '\n',
      "'",
      'x',
    ];
    const parses = (source: string) => {
      try {
        JSON.parse(source);
        return true;
      } catch {
        return false;
      }
    };
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...tokens), { maxLength: 12 }), (parts) => {
        const source = parts.join('');
        expect(findJsonSyntaxError(source) === undefined).toBe(parses(source));
      }),
      { numRuns: 3000 },
    );
    fc.assert(
      fc.property(fc.json(), (source) => {
        expect(findJsonSyntaxError(source)).toBeUndefined();
      }),
    );
  });
});
