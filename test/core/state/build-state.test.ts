import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { OutputDirectory } from '../../../src/adapters/fs/output-directory.js';
import { MageosError } from '../../../src/core/errors.js';
import { emptyState, parseStateText, STATE_VERSION } from '../../../src/core/state/build-state.js';
import { removeTempDirs, tempDir } from '../../app/build-helpers.js';

after(removeTempDirs);

const FILE = '/repo/.mageos-repo/state.json';

const VALID = JSON.stringify({
  ...emptyState('mageos'),
  artifacts: {
    'acme/a@1.0.0': {
      name: 'acme/a',
      version: '1.0.0',
      versionNormalized: '1.0.0.0',
      kind: 'package',
      source: 'acme',
      tag: '1.0.0',
      commit: 'c'.repeat(40),
      time: 1700000000,
      dir: 'A',
      key: 'k'.repeat(64),
      file: 'packages/acme/a-1.0.0.zip',
      sha1: 'a'.repeat(40),
      size: 123,
      composerJson: '{"name":"acme/a"}',
    },
  },
  releases: { acme: { '1.0.0': { commit: 'c'.repeat(40), rulesHash: 'r', artifacts: [] } } },
  metadata: { published: ['packages.json'], retired: [] },
  retiredArchives: {},
});

/** Parses, and says whether what happened is allowed: a state, or one of the named errors a damaged state gets. */
function parsesOrNamesTheFile(text: string): boolean {
  try {
    const state = parseStateText(text, FILE);
    return typeof state.artifacts === 'object' && typeof state.releases === 'object';
  } catch (error) {
    if (!(error instanceof MageosError)) throw error;
    assert.ok(error.code === 'ERR_STATE_DAMAGED' || error.code === 'ERR_STATE_TOO_NEW', error.code);
    assert.equal(error.exitCode, 7);
    assert.ok(error.message.startsWith(FILE), error.message);
    return true;
  }
}

describe('reading the build state', () => {
  it('a valid state is read as written', () => {
    const state = parseStateText(VALID, FILE);
    assert.equal(state.stateVersion, STATE_VERSION);
    assert.equal(state.artifacts['acme/a@1.0.0']?.sha1, 'a'.repeat(40));
    assert.equal(state.releases.acme?.['1.0.0']?.rulesHash, 'r');
  });

  it('names what is wrong and where: empty, truncated (line and column), wrong type (the field path), newer', () => {
    const damaged = (text: string, message: RegExp) =>
      assert.throws(() => parseStateText(text, FILE), (e: MageosError) => e.code === 'ERR_STATE_DAMAGED' && message.test(e.message) && /--rebuild-state/.test(e.hint ?? ''));
    damaged('', /is damaged: the file is empty$/);
    damaged(' \n', /is damaged: the file is empty$/);
    damaged(VALID.slice(0, 100), /is damaged: not valid JSON at line 1, column 101: the text ends too early/);
    damaged(VALID.replace('"size":123', '"size":"123"'), /is damaged: not a build state: artifacts\.acme\/a@1\.0\.0\.size: expected a whole number of bytes$/);
    damaged('null', /is damaged: not a build state: expected an object$/);
    damaged('{"stateVersion":1,"releases":{"s":{"1.0":{"commit":"c","rulesHash":"r","artifacts":[{}]}}}}', /not a build state: releases\.s\.1\.0\.artifacts\.0\.name: expected a string$/);
    damaged('{"stateVersion":1,"releases":{"s":{"1.0":{"commit":"c","rulesHash":"r","artifacts":[],"directories":{"Mod":{"name":"v/m","plan":"x"}}}}}}', /not a build state: releases\.s\.1\.0\.directories\.Mod\.plan: expected a sha1 \(40 hexadecimal digits\)$/);
    assert.throws(() => parseStateText('{"stateVersion": 99}', FILE), (e: MageosError) => e.code === 'ERR_STATE_TOO_NEW');
  });

  it('property: random bytes give a state or a named error (exit 7), never another exception', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => parsesOrNamesTheFile(Buffer.from(bytes).toString('utf8'))), { numRuns: 2000 });
  });

  it('property: random JSON values give a state or a named error, never another exception', () => {
    const stateLike = fc.record({ stateVersion: fc.oneof(fc.constant(1), fc.integer()), artifacts: fc.jsonValue(), releases: fc.jsonValue(), metadata: fc.jsonValue() }, { requiredKeys: ['stateVersion'] });
    fc.assert(fc.property(fc.oneof(fc.jsonValue(), stateLike), (value) => parsesOrNamesTheFile(JSON.stringify(value) ?? '')), { numRuns: 2000 });
  });

  it('property: a valid state with a random slice replaced gives a state or a named error', () => {
    const edit = fc.tuple(fc.nat(VALID.length), fc.nat(40), fc.string({ maxLength: 20 }));
    fc.assert(fc.property(edit, ([at, cut, insert]) => parsesOrNamesTheFile(VALID.slice(0, at) + insert + VALID.slice(at + cut))), { numRuns: 2000 });
  });

  it('property: random bytes as .mageos-repo/state.json make opening the repository fail with ERR_STATE_DAMAGED (exit 7)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 200 }), async (bytes) => {
        const root = tempDir();
        mkdirSync(join(root, '.mageos-repo'));
        writeFileSync(join(root, '.mageos-repo', 'state.json'), bytes);
        const opened = await OutputDirectory.open(root, 'mageos', false).then(
          async (dir) => {
            await dir.close();
            return null;
          },
          (error: unknown) => error,
        );
        // Some bytes are a valid state ("{"stateVersion":1}" is possible but unlikely): opening it is fine too.
        if (opened !== null) assert.ok(opened instanceof MageosError && opened.code === 'ERR_STATE_DAMAGED', String(opened));
      }),
      { numRuns: 100 },
    );
  });
});
