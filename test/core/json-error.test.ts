import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { jsonErrorOffset, jsonErrorReason } from '../../src/core/json-error.js';

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** A small deterministic generator (no Math.random: a failure must be reproducible). */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

describe('jsonErrorOffset', () => {
  it('agrees with JSON.parse on whether 20,000 texts are JSON (valid documents and single-character mutations of them)', () => {
    const next = random(42);
    const documents = [
      '{"name": "acme/a", "version": "1.0.0", "require": {"php": ">=8.1"}}',
      '[1, -2.5e+3, 0, true, false, null, "a\\"b\\\\c\\u00e9\\n", {}, [], [[]]]',
      ' {\n  "sources": [\n    { "path": "/srv/repo", "tags": { "from": "2.4.0" } }\n  ]\n}\n',
      '"plain"',
      '0.5',
    ];
    const alphabet = '{}[]":,.-+eE0123456789 \n\\uabtrfn';
    let checked = 0;
    for (const document of documents) {
      assert.equal(jsonErrorOffset(document), null, document);
      for (let i = 0; i < 4000; i++) {
        const at = Math.floor(next() * (document.length + 1));
        const kind = next();
        const c = alphabet.charAt(Math.floor(next() * alphabet.length));
        const mutated =
          kind < 0.33 ? document.slice(0, at) + c + document.slice(at)
          : kind < 0.66 ? document.slice(0, at) + document.slice(at + 1)
          : document.slice(0, at) + c + document.slice(at + 1);
        assert.equal(jsonErrorOffset(mutated) === null, parses(mutated), JSON.stringify(mutated));
        checked++;
      }
    }
    assert.equal(checked, 20_000);
  });

  it('points at the line and column of the first error', () => {
    const trailingComma = '{\n  "sources": [\n    {"path": "x"},\n  ]\n}\n';
    assert.equal(jsonErrorReason(trailingComma, new Error('x')), ' at line 4, column 3: unexpected "]"');
    assert.equal(jsonErrorReason('{"a": 1,', new Error('x')), ' at line 1, column 9: the text ends too early');
    assert.equal(jsonErrorReason("{'a': 1}", new Error('x')), ' at line 1, column 2: unexpected "\'"');
    assert.equal(jsonErrorReason('{"a": 01}', new Error('x')), ' at line 1, column 8: unexpected "1"');
    // Invisible characters are named by code point.
    assert.equal(jsonErrorReason('\uFEFF{"a": 1}', new Error('x')), ' at line 1, column 1: unexpected byte order mark (U+FEFF): save the file as UTF-8 without BOM');
    assert.equal(jsonErrorReason('{"a":\u00A01}', new Error('x')), ' at line 1, column 6: unexpected character U+00A0');
    assert.equal(jsonErrorReason('{"a": "x\u0001"}', new Error('x')), ' at line 1, column 9: unexpected character U+0001');
  });
});
