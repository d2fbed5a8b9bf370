import assert from 'node:assert/strict';
import { mkdirSync, realpathSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { DirectoryFiles } from '../../../src/adapters/composer-repository/directory-files.js';
import { openRepository } from '../../../src/adapters/composer-repository/open-repository.js';
import { isMageosError } from '../../../src/core/errors.js';
import { isPackageName } from '../../../src/core/package-name.js';
import { removeTempDirs, tempDir } from '../../app/build-helpers.js';

after(removeTempDirs);

const CANARY = 'canary: outside the repository';

/** A repository directory with a few files, beside files (and a symlink to them) that must never be read. */
function layout(): { root: string; outside: string } {
  const base = tempDir();
  const root = join(base, 'repo');
  for (const dir of ['p2/acme', 'packages/acme', 'sub']) mkdirSync(join(root, dir), { recursive: true });
  writeFileSync(join(root, 'packages.json'), JSON.stringify({ 'metadata-url': '/p2/%package%.json', 'available-packages': ['acme/a'] }));
  writeFileSync(join(root, 'p2/acme/a.json'), JSON.stringify({ packages: { 'acme/a': [{ name: 'acme/a', version: '1.0.0' }] } }));
  writeFileSync(join(root, 'packages/acme/a-1.0.0.zip'), 'inside');
  mkdirSync(join(base, 'p2/acme'), { recursive: true });
  for (const file of ['secret', 'secret.json', 'p2/acme/a.json', 'p2/acme/outside.json']) writeFileSync(join(base, file), CANARY);
  symlinkSync(join(base, 'secret'), join(root, 'packages/acme/link.zip'));
  symlinkSync(base, join(root, 'sub/up'));
  return { root, outside: base };
}

/** Path-like strings made of the pieces traversal is built from. */
const piece = fc.oneof(
  fc.constantFrom('..', '.', '%2e%2e', '..%2f', '..%2F..%2f', '%2e%2e%2f', '..%5c', '..\\', '%2f', '%00', ''),
  fc.constantFrom('p2', 'acme', 'a.json', 'a', 'packages', 'a-1.0.0.zip', 'link.zip', 'sub', 'up', 'secret', 'secret.json', 'outside.json', '~dev', '%25'),
);
const pathLike = fc.array(piece, { maxLength: 8 }).map((parts) => parts.join('/'));
const prefix = fc.constantFrom('', '/', 'http://127.0.0.1:8080/', 'https://mirror.example/sub/', 'file://', 'file:///', 'ftp://x/', '//evil.example/', 'data:,');
const ref = fc.oneof(fc.tuple(prefix, pathLike).map(([p, path]) => p + path), fc.string(), fc.webUrl());

function isInside(root: string, file: string): boolean {
  const inside = relative(realpathSync(root), file);
  return inside !== '' && inside !== '..' && !inside.startsWith(`..${sep}`);
}

describe('untrusted names and URLs from metadata (property-based)', () => {
  const { root } = layout();

  it('a dist URL either names a file inside the repository or is refused or absent', async () => {
    const files = new DirectoryFiles(root, root);
    await fc.assert(
      fc.asyncProperty(ref, async (url) => {
        const found = await files.archive(url);
        if ('archive' in found) assert.ok(isInside(root, found.archive.file), `${url} → ${found.archive.file}`);
        else assert.ok('missing' in found || typeof found.refused === 'string');
      }),
      { numRuns: 800 },
    );
  });

  it('a metadata file named by any reference is read only from inside the repository', async () => {
    const files = new DirectoryFiles(root, root);
    await fc.assert(
      fc.asyncProperty(ref, async (name) => {
        try {
          assert.notEqual(await files.readText(name), CANARY, name);
        } catch (error) {
          assert.ok(isMageosError(error) && error.code === 'ERR_METADATA_INVALID', `${name}: ${String(error)}`);
        }
      }),
      { numRuns: 800 },
    );
  });

  it('a package name reaches a metadata file only when it is a valid Composer name, and never one outside', async () => {
    const repository = await openRepository(root, { cacheDir: tempDir() });
    const name = fc.oneof(fc.tuple(pathLike, pathLike).map(([a, b]) => `${a}/${b}`), fc.string(), fc.constantFrom('acme/a', 'acme/../acme/a', 'acme/outside', '../p2/acme/a'));
    await fc.assert(
      fc.asyncProperty(name, async (n) => {
        const listing = await repository.versions(n);
        if (!isPackageName(n)) assert.equal(listing, null, n);
        for (const v of listing?.versions ?? []) assert.deepEqual([v.name, v.version], ['acme/a', '1.0.0']);
      }),
      { numRuns: 800 },
    );
  });
});
