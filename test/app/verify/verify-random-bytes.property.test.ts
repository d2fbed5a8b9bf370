import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { openRepository } from '../../../src/adapters/composer-repository/open-repository.js';
import { verifyParity } from '../../../src/app/verify/verify-parity.js';
import { removeTempDirs, tempDir } from '../build-helpers.js';
import { writeZip } from '../../support/package-zips.js';
import { builtModulesRepository, copyRepository, integrityOf } from '../../support/verify-fixtures.js';

after(removeTempDirs);


/** Random bytes, or valid JSON of a random shape: both must end as named problems. */
const bytes = fc.oneof(
  fc.uint8Array({ maxLength: 512 }).map((b) => Buffer.from(b)),
  fc.jsonValue({ maxDepth: 4 }).map((v) => Buffer.from(JSON.stringify(v))),
  fc.string().map((s) => Buffer.from(s)),
);

describe('verify given random bytes (property-based)', async () => {
  const clean = await builtModulesRepository();
  const repo = copyRepository(clean);
  const originals = new Map(['packages.json', 'p2/acme/module-b.json', 'packages/acme/module-b-1.1.0.zip'].map((f) => [f, readFileSync(join(repo, f))]));
  const restore = () => {
    for (const [file, data] of originals) writeFileSync(join(repo, file), data);
  };

  it('as a p2 file: a named problem, never an exception and never a pass', async () => {
    await fc.assert(
      fc.asyncProperty(bytes, async (data) => {
        restore();
        writeFileSync(join(repo, 'p2/acme/module-b.json'), data);
        const report = await integrityOf(repo);
        assert.ok(report.counts.problems > 0, `passed with ${JSON.stringify(data.toString('latin1'))}`);
      }),
      { numRuns: 150 },
    );
  });

  it('as packages.json: anything but a JSON object is a named problem; never an exception escaping as exit 1', async () => {
    const isObject = (data: Buffer) => {
      try {
        const value: unknown = JSON.parse(data.toString('utf8'));
        return typeof value === 'object' && value !== null && !Array.isArray(value);
      } catch {
        return false;
      }
    };
    await fc.assert(
      fc.asyncProperty(bytes, async (data) => {
        restore();
        writeFileSync(join(repo, 'packages.json'), data);
        try {
          const report = await integrityOf(repo);
          if (!isObject(data)) assert.ok(report.problems.some((p) => p.package === '(repository)' && p.kind === 'metadata-invalid'), data.toString('latin1'));
        } catch (error) {
          assert.equal((error as { exitCode?: number }).exitCode, 9, String(error));
        }
      }),
      { numRuns: 150 },
    );
  });

  it('as a zip archive, whole or a real one with bytes changed: a named problem in integrity and parity', async () => {
    const zip = originals.get('packages/acme/module-b-1.1.0.zip') as Buffer;
    // A deflated one too: the archives a build writes store small files, and inflating damaged bytes must fail cleanly.
    const deflated = join(tempDir(), 'deflated.zip');
    await writeZip(deflated, { 'composer.json': JSON.stringify({ name: 'acme/module-b', description: 'b '.repeat(200) }), 'Api/B.php': '<?php interface B {}\n' });
    const patched = (base: Buffer) =>
      fc.array(fc.tuple(fc.nat({ max: base.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 12 }).map((patches) => {
        const copy = Buffer.from(base);
        for (const [at, value] of patches) copy[at] = value;
        return copy;
      });
    const damaged = fc.oneof(bytes, patched(zip), patched(readFileSync(deflated)));
    await fc.assert(
      fc.asyncProperty(damaged, async (data) => {
        restore();
        writeFileSync(join(repo, 'packages/acme/module-b-1.1.0.zip'), data);
        if (data.equals(zip)) return;
        const report = await integrityOf(repo);
        assert.ok(report.problems.some((p) => p.package === 'acme/module-b' && p.version === '1.1.0'), 'the damaged archive is found');
        const [ours, reference] = [await openRepository(repo, { cacheDir: tempDir() }), await openRepository(clean, { cacheDir: tempDir() })];
        try {
          await verifyParity({ ours, reference, packages: ['acme/module-b'] });
        } finally {
          await Promise.all([ours.close(), reference.close()]);
        }
      }),
      { numRuns: 300 },
    );
  });
});
