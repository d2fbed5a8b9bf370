import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { MageosError } from '../../../src/core/errors.js';
import { statusJsonSchemaText } from '../../../src/core/status/json-schema.js';
import { parseStatusDocument } from '../../../src/core/status/parse-status-document.js';
import { sampleStatusDocument } from '../../support/status-sample.js';

/** The error parseStatusDocument throws for `text` (the test fails if it throws none or another kind). */
function failure(text: string): MageosError {
  try {
    parseStatusDocument(text, '/repo/status.json');
  } catch (error) {
    assert.ok(error instanceof MageosError, `a MageosError, not ${String(error)}`);
    assert.equal(error.code, 'ERR_STATUS_INVALID');
    assert.equal(error.exitCode, 9);
    return error;
  }
  assert.fail(`parsed: ${text.slice(0, 80)}`);
}

describe('reading status.json', () => {
  it('gives back the document a nightly run wrote, also with a byte order mark', () => {
    const document = sampleStatusDocument();
    assert.deepEqual(parseStatusDocument(JSON.stringify(document), 'status.json'), document);
    assert.deepEqual(parseStatusDocument(`\uFEFF${JSON.stringify(document, null, 2)}`, 'status.json'), document);
  });

  it('names the file and where the JSON syntax breaks', () => {
    const error = failure('{"schemaVersion": 1,\n  "nights": [}');
    assert.match(error.message, /^\/repo\/status\.json is not valid JSON at line 2, column 14: unexpected "}"$/);
    assert.match(failure('').message, /the text ends too early/);
  });

  it('names the JSON path of every problem at once, in the words of the file', () => {
    const document = sampleStatusDocument() as unknown as { served: unknown; nights: Array<Record<string, unknown>> };
    document.served = '7 Dec 2026';
    (document.nights[0] as Record<string, unknown>).result = 'passed';
    ((document.nights[2]?.sources as Array<Record<string, unknown>>)[1] as Record<string, unknown>).commit = 42;
    delete document.nights[3]?.durationMs;
    (document.nights[4] as Record<string, unknown>).extra = true;
    const error = failure(JSON.stringify(document));
    assert.match(error.message, /^\/repo\/status\.json is not a valid nightly status document \(5 problem\(s\)\):\n/);
    assert.deepEqual(error.details, [
      { path: '$.served', message: 'expected a date YYYY-MM-DD' },
      { path: '$.nights[0].result', message: 'expected one of "published", "failed", "unchanged", got "passed"' },
      { path: '$.nights[2].sources[1].commit', message: 'expected a string, got the number 42' },
      { path: '$.nights[3].durationMs', message: 'missing (expected a number)' },
      { path: '$.nights[4]', message: 'unknown field(s) "extra"' },
    ]);
    assert.match(error.message, /\n {2}\$\.nights\[0\]\.result: expected one of/);
    assert.match(error.hint ?? '', /nightly build/);
  });

  it('refuses a document of another schema version', () => {
    const error = failure(JSON.stringify({ ...sampleStatusDocument(), schemaVersion: 2 }));
    assert.deepEqual(error.details, [{ path: '$.schemaVersion', message: 'expected 1, got the number 2' }]);
  });

  it('any bytes at all give the document or a named error, never a crash (property)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (bytes) => {
        const text = Buffer.from(bytes).toString('utf8');
        failure(text);
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (value) => {
        failure(JSON.stringify(value));
      }),
      { numRuns: 500 },
    );
  });

  it('a valid document with any one part damaged is a named error whose path points into the document (property)', () => {
    const valid = JSON.stringify(sampleStatusDocument());
    fc.assert(
      fc.property(fc.nat(valid.length - 1), fc.integer({ min: 1, max: 20 }), fc.string({ maxLength: 6 }), (at, cut, insert) => {
        const text = valid.slice(0, at) + insert + valid.slice(at + cut);
        try {
          parseStatusDocument(text, 'status.json');
        } catch (error) {
          assert.ok(error instanceof MageosError && error.code === 'ERR_STATUS_INVALID', String(error));
          for (const p of (error.details ?? []) as Array<{ path: string }>) assert.match(p.path, /^\$/);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('nesting deeper than the stack is a named error too', () => {
    assert.match(failure('['.repeat(200_000)).message, /is not valid JSON/);
  });

  it('the committed JSON Schema matches the zod schema (regenerate with npm run schema)', () => {
    const committed = readFileSync(new URL('../../../schemas/status.schema.json', import.meta.url), 'utf8');
    assert.equal(committed, statusJsonSchemaText());
  });
});
