/**
 * The offset of the first JSON syntax error in `text`, or null if it is valid JSON. Used only to point at the
 * error: V8's messages give a position for some errors ("at position 42") and not for others (a trailing comma).
 */
export function jsonErrorOffset(text: string): number | null {
  let at = 0;
  const fail = (): never => {
    throw at;
  };
  const space = () => {
    while (at < text.length && ' \t\n\r'.includes(text.charAt(at))) at++;
  };
  const expect = (word: string) => {
    for (const c of word) if (text.charAt(at++) !== c) fail();
  };
  const string = () => {
    at++; // the opening quote
    for (;;) {
      if (at >= text.length) fail();
      const c = text.charAt(at);
      if (c === '"') break;
      if (c < ' ') fail();
      if (c === '\\') {
        at++;
        const e = text.charAt(at);
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(at + 1, at + 5))) fail();
          at += 4;
        } else if (!'"\\/bfnrt'.includes(e) || e === '') fail();
      }
      at++;
    }
    at++;
  };
  const number = () => {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(at));
    if (match === null) fail();
    at += (match as RegExpExecArray)[0].length;
  };
  const value = (): void => {
    space();
    const c = text.charAt(at);
    if (c === '{') return members('}', () => {
      space();
      if (text.charAt(at) !== '"') fail();
      string();
      space();
      expect(':');
      value();
    });
    if (c === '[') return members(']', value);
    if (c === '"') return string();
    if (c === 't') return expect('true');
    if (c === 'f') return expect('false');
    if (c === 'n') return expect('null');
    if (c === '-' || (c >= '0' && c <= '9')) return number();
    fail();
  };
  const members = (close: string, member: () => void) => {
    at++;
    space();
    if (text.charAt(at) === close) {
      at++;
      return;
    }
    for (;;) {
      member();
      space();
      const c = text.charAt(at);
      at++;
      if (c === close) return;
      if (c !== ',') {
        at--;
        fail();
      }
    }
  };
  try {
    value();
    space();
    if (at < text.length) fail();
    return null;
  } catch (offset) {
    if (typeof offset !== 'number') throw offset;
    return Math.min(offset, text.length);
  }
}

/** A character as a message shows it: printable ASCII quoted, anything else (invisible in a terminal) by its code point. */
function shownCharacter(code: number): string {
  if (code === 0xfeff) return 'byte order mark (U+FEFF): save the file as UTF-8 without BOM';
  if (code > 0x20 && code < 0x7f) return JSON.stringify(String.fromCodePoint(code));
  return `character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** To follow "… is not valid JSON": where and what, e.g. ` at line 4, column 3: unexpected "]"`. */
export function jsonErrorReason(text: string, error: unknown): string {
  let offset: number | null;
  try {
    offset = jsonErrorOffset(text);
  } catch {
    offset = null; // nesting too deep for the recursive scan (a stack overflow): V8's own message is all there is
  }
  if (offset === null) return `: ${error instanceof Error ? error.message : String(error)}`;
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  const what = offset >= text.length ? 'the text ends too early' : `unexpected ${shownCharacter(text.codePointAt(offset) as number)}`;
  return ` at line ${line}, column ${column}: ${what}`;
}
