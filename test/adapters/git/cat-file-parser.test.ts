import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CatFileParser, type CatFileResponse } from '../../../src/adapters/git/cat-file-parser.js';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);
const C = 'c'.repeat(40);

const stream = Buffer.concat([
  Buffer.from(`${A} blob 5\nhello\n`),
  Buffer.from(`${B} missing\n`),
  Buffer.from(`${C} blob 0\n\n`),
  Buffer.from(`${A} blob 3\n\n\x00\n\n`),
  Buffer.from(`${B} tree 12\n0123456789 a\n`),
  Buffer.from(`${C} commit 1\nx\n`),
]);

const expected: CatFileResponse[] = [
  { kind: 'object', oid: A, type: 'blob', content: Buffer.from('hello') },
  { kind: 'missing', name: B },
  { kind: 'object', oid: C, type: 'blob', content: Buffer.alloc(0) },
  { kind: 'object', oid: A, type: 'blob', content: Buffer.from('\n\x00\n') },
  { kind: 'object', oid: B, type: 'tree', content: Buffer.from('0123456789 a') },
  { kind: 'object', oid: C, type: 'commit', content: Buffer.from('x') },
];

function parseInChunks(chunks: Buffer[]): CatFileResponse[] {
  const responses: CatFileResponse[] = [];
  const parser = new CatFileParser((response) => responses.push(response));
  for (const chunk of chunks) parser.push(chunk);
  assert.ok(parser.idle);
  return responses;
}

describe('CatFileParser', () => {
  it('parses objects, missing objects and empty objects from one chunk', () => {
    assert.deepEqual(parseInChunks([stream]), expected);
  });

  it('parses the same responses when the stream is split at any byte', () => {
    for (let cut = 0; cut <= stream.length; cut++) {
      assert.deepEqual(parseInChunks([stream.subarray(0, cut), stream.subarray(cut)]), expected, `cut at ${cut}`);
    }
  });

  it('parses the same responses when fed one byte at a time', () => {
    const bytes = [...stream].map((byte) => Buffer.from([byte]));
    assert.deepEqual(parseInChunks(bytes), expected);
  });

  it('rejects a malformed header', () => {
    const parser = new CatFileParser(() => {});
    assert.throws(() => parser.push(Buffer.from('what is this\n')), /unexpected header "what is this"/);
    assert.throws(() => new CatFileParser(() => {}).push(Buffer.from(`${A} blob\n`)), /unexpected header/);
    assert.throws(() => new CatFileParser(() => {}).push(Buffer.from(`${A} plum 3\n`)), /unexpected header/);
  });

  it('rejects content not followed by a newline', () => {
    const parser = new CatFileParser(() => {});
    assert.throws(() => parser.push(Buffer.from(`${A} blob 1\nxy`)), /expected a newline/);
  });
});
