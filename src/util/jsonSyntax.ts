/**
 * Why JSON.parse refused a text, as one plain sentence with a line and column. Engines word
 * their syntax errors differently and some echo the text itself (`"<script>..." is not valid
 * JSON`), so this finds the first problem with a small scanner of its own and only ever
 * quotes the single character it stopped at.
 *
 * The scanner is iterative (an explicit stack), so deeply nested input cannot overflow it.
 * (jsonc-parser 3.3.1 was weighed and kept out: its parser recurses, so `visit` throws
 * "Maximum call stack size exceeded" on 10,000 nested `[` in Node 20, and it places an error
 * inside a string, such as the `q` of `"\q"`, at the string's opening quote.)
 */

interface Failure {
  readonly index: number;
  readonly expected: string;
}

type Scan = { readonly end: number } | Failure;

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const HEX = /^[0-9a-fA-F]{4}$/;

function skipWhitespace(s: string, i: number): number {
  while (i < s.length && WHITESPACE.has(s[i]!)) i++;
  return i;
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

function scanString(s: string, start: number): Scan {
  let j = start + 1;
  for (;;) {
    if (j >= s.length) return { index: j, expected: 'a closing double quote' };
    const c = s[j]!;
    if (c === '"') return { end: j + 1 };
    if (c.charCodeAt(0) < 0x20)
      return { index: j, expected: 'a character (line breaks and tabs in text must be escaped)' };
    if (c !== '\\') {
      j++;
      continue;
    }
    const next = s[j + 1];
    if (next !== undefined && ESCAPES.has(next)) j += 2;
    else if (next === 'u' && HEX.test(s.slice(j + 2, j + 6))) j += 6;
    else return { index: j + 1, expected: 'an escape such as \\n or \\u0041' };
  }
}

function scanDigits(s: string, j: number): Scan {
  if (!isDigit(s[j])) return { index: j, expected: 'a digit' };
  while (isDigit(s[j])) j++;
  return { end: j };
}

function scanNumber(s: string, start: number): Scan {
  let j = start;
  if (s[j] === '-') j++;
  if (s[j] === '0') j++;
  else {
    const whole = scanDigits(s, j);
    if (!('end' in whole)) return whole;
    j = whole.end;
  }
  if (s[j] === '.') {
    const fraction = scanDigits(s, j + 1);
    if (!('end' in fraction)) return fraction;
    j = fraction.end;
  }
  if (s[j] === 'e' || s[j] === 'E') {
    j++;
    if (s[j] === '+' || s[j] === '-') j++;
    const exponent = scanDigits(s, j);
    if (!('end' in exponent)) return exponent;
    j = exponent.end;
  }
  return { end: j };
}

function scanScalar(s: string, i: number): Scan {
  const c = s[i];
  if (c === '"') return scanString(s, i);
  if (c === '-' || isDigit(c)) return scanNumber(s, i);
  for (const word of ['true', 'false', 'null']) if (s.startsWith(word, i)) return { end: i + word.length };
  return { index: i, expected: 'a value' };
}

/** The first syntax error of a JSON text, or null when there is none. */
export function findJsonSyntaxError(s: string): Failure | null {
  const open: ('[' | '{')[] = [];
  let mode: 'value' | 'key' | 'after' = 'value';
  let i = skipWhitespace(s, 0);
  for (;;) {
    const c = s[i];
    const top = open[open.length - 1];
    if (mode === 'value') {
      if (c === '{' || c === '[') {
        open.push(c);
        i = skipWhitespace(s, i + 1);
        const close = c === '{' ? '}' : ']';
        if (s[i] === close) {
          open.pop();
          i = skipWhitespace(s, i + 1);
          mode = 'after';
        } else mode = c === '{' ? 'key' : 'value';
        continue;
      }
      const scalar = scanScalar(s, i);
      if (!('end' in scalar)) return scalar;
      i = skipWhitespace(s, scalar.end);
      mode = 'after';
    } else if (mode === 'key') {
      if (c !== '"') return { index: i, expected: 'a field name in double quotes' };
      const key = scanString(s, i);
      if (!('end' in key)) return key;
      i = skipWhitespace(s, key.end);
      if (s[i] !== ':') return { index: i, expected: '":"' };
      i = skipWhitespace(s, i + 1);
      mode = 'value';
    } else {
      if (top === undefined) return i >= s.length ? null : { index: i, expected: 'the end of the text' };
      const close = top === '{' ? '}' : ']';
      if (c === ',') {
        i = skipWhitespace(s, i + 1);
        mode = top === '{' ? 'key' : 'value';
      } else if (c === close) {
        open.pop();
        i = skipWhitespace(s, i + 1);
      } else return { index: i, expected: `"," or "${close}"` };
    }
  }
}

function lineAndColumn(s: string, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = s.indexOf('\n'); i !== -1 && i < index; i = s.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: index - lineStart + 1 };
}

/** A plain sentence saying where and why a text is not JSON (call it after JSON.parse threw). */
export function jsonSyntaxProblem(s: string): string {
  if (s.trim() === '') return 'the text is empty, not JSON';
  const failure = findJsonSyntaxError(s);
  if (failure === null) return 'not valid JSON';
  if (failure.index >= s.length) return 'not valid JSON: the text ends too early (was it cut short?)';
  const { line, column } = lineAndColumn(s, failure.index);
  const found = String.fromCodePoint(s.codePointAt(failure.index)!);
  return `not valid JSON at line ${line}, column ${column}: expected ${failure.expected}, found ${JSON.stringify(found)}`;
}
