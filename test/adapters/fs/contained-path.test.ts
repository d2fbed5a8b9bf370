import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { isAbsolute, join, relative, sep } from 'node:path';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { containedPath } from '../../../src/adapters/fs/contained-path.js';
import { archivePath } from '../../../src/app/builder/archive-path.js';
import { MageosError } from '../../../src/core/errors.js';
import { resolveRequestPath } from '../../../src/adapters/http/resolve-request-path.js';

const root = mkdtempSync(join(tmpdir(), 'mageos-contained-'));
after(() => rmSync(root, { recursive: true, force: true }));

/** Strings made of the pieces that paths are attacked with, plus arbitrary text. */
const hostile = fc.oneof(
  fc.array(fc.constantFrom('a', 'z9', '.', '..', '/', '\\', '+', '-', '%2f', '%2e%2e', '%00', '%5c', ' ', '\n', '\0', 'C:', '~', '$', 'é', '\u2028'), { maxLength: 12 }).map((p) => p.join('')),
  fc.string({ unit: 'binary', maxLength: 40 }),
);

function isInside(base: string, path: string): boolean {
  const rel = relative(base, path);
  return rel !== '' && !isAbsolute(rel) && rel.split(sep)[0] !== '..';
}

describe('containedPath: the one way from outside data to a path of the repository', () => {
  it('either refuses a path with a named error or returns one inside the root (property)', () => {
    fc.assert(
      fc.property(hostile, (relativePath) => {
        try {
          assert.ok(isInside(root, containedPath(root, relativePath, new Set())), relativePath);
        } catch (error) {
          assert.ok(error instanceof MageosError && error.code === 'ERR_PATH_OUTSIDE_OUTPUT', String(error));
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('an archive path from any name and version is refused or lies inside packages/ (property)', () => {
    fc.assert(
      fc.property(hostile, hostile, (name, version) => {
        let file: string;
        try {
          file = archivePath(`acme/${name}`, version);
        } catch (error) {
          assert.ok(error instanceof MageosError && error.code === 'ERR_PACKAGE_INVALID', String(error));
          return;
        }
        assert.ok(isInside(join(root, 'packages', 'acme'), containedPath(root, file, new Set())), file);
      }),
      { numRuns: 3000 },
    );
  });

  it('refuses a path through a symbolic link, also once the directories below it were checked', () => {
    mkdirSync(join(root, 'real', 'dir'), { recursive: true });
    symlinkSync(join(root, 'real'), join(root, 'link'));
    const checked = new Set<string>();
    assert.equal(containedPath(root, 'real/dir/file.zip', checked), join(root, 'real', 'dir', 'file.zip'));
    assert.throws(() => containedPath(root, 'link/dir/file.zip', checked), /goes through the symbolic link .*link/);
    assert.throws(() => containedPath(root, 'link/dir/file.zip', checked), /goes through the symbolic link/, 'a refused chain is not remembered as checked');
    assert.equal(containedPath(root, 'new/dir/file.zip', checked), join(root, 'new', 'dir', 'file.zip'), 'directories not there yet are fine');
  });
});

describe('serve: request paths (property)', () => {
  it('any request-target maps to a path inside the served root or to no file at all', () => {
    fc.assert(
      fc.property(hostile, fc.constantFrom('/', '/mirror/'), (raw, prefix) => {
        const target = resolveRequestPath(`${prefix}${raw}`, prefix);
        if (target.kind !== 'file') return;
        assert.ok(isInside(root, join(root, target.relativePath)), target.relativePath);
        assert.ok(!target.relativePath.split('/').some((s) => s.startsWith('.')), `no dot segment or dotfile: ${target.relativePath}`);
        assert.ok(!/[\\\0]/.test(target.relativePath));
      }),
      { numRuns: 5000 },
    );
  });
});
