import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import fc from 'fast-check';
import { snapshotFiles } from '../support/repository-files.js';
import { createRepo, type FixtureRepo } from '../support/git-fixture.js';
import { writeModule } from '../support/module-repo.js';
import { buildRepo, removeTempDirs, tempDir } from './build-helpers.js';

after(removeTempDirs);

const MODULES = ['ModA', 'ModB', 'ModC', 'ModD'];

/** What a tag changes: modules bumped with new content, files of the root package, files its rule excludes. */
interface Changes {
  bumped: string[];
  rootFile: boolean;
  excludedFile: boolean;
  deepFile: boolean;
}
const tagChanges: fc.Arbitrary<Changes> = fc.record({
  bumped: fc.subarray(MODULES),
  rootFile: fc.boolean(),
  excludedFile: fc.boolean(),
  deepFile: fc.boolean(),
});

/**
 * A source shaped like magento2: modules in `mods/` with stated versions, and the root as a package that excludes
 * them and `dev/tests` but keeps one file there at one version (include-files), versioned by the tag.
 */
function config(repo: FixtureRepo) {
  return {
    sources: [
      {
        path: repo.dir,
        packages: [
          { type: 'modules', dir: 'mods' },
          { type: 'directory', dir: '', exclude: ['mods', 'dev/tests'], emptyDirs: ['mods'] },
        ],
        fixes: [{ action: 'include-files', package: 'acme/base', version: '1.0.2', files: ['dev/tests/keep/kept.txt'], reason: 'shipped at 1.0.2' }],
      },
    ],
  };
}

describe('a build on top of the last one', () => {
  it('property: building tag by tag gives the repository of one build of all tags, whatever each tag changes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(tagChanges, { minLength: 2, maxLength: 4 }), async (tags) => {
        const repo = createRepo();
        const versions = new Map(MODULES.map((m) => [m, 1]));
        const writeAll = (tag: number, changes?: Changes) => {
          for (const m of MODULES) {
            if (changes !== undefined && !changes.bumped.includes(m)) continue;
            const v = (versions.get(m) ?? 1) + (changes === undefined ? 0 : 1);
            versions.set(m, v);
            writeModule(repo, `mods/${m}`, `acme/${m.toLowerCase()}`, `1.0.${v}`, { 'Model/Deep/Thing.php': `<?php // ${m} ${v}\n` });
          }
          if (changes?.rootFile !== false) repo.writeFile('setup/index.php', `<?php // ${tag}\n`);
          if (changes?.excludedFile !== false) repo.writeFile('dev/tests/unit/Test.php', `<?php // ${tag}\n`);
          if (changes?.deepFile !== false) repo.writeFile('dev/tests/keep/kept.txt', `kept ${tag}\n`);
        };
        repo.writeFile('composer.json', `${JSON.stringify({ name: 'acme/base', description: 'the root' }, null, 4)}\n`);
        writeAll(0);
        repo.commit('1.0.0');
        repo.tag('1.0.0');
        const out = tempDir();
        const first = await buildRepo(config(repo), out);
        assert.deepEqual(first.errors, []);
        for (const [i, changes] of tags.entries()) {
          writeAll(i + 1, changes);
          repo.commit(`1.0.${i + 1}`);
          repo.tag(`1.0.${i + 1}`);
          const onTop = await buildRepo(config(repo), out);
          assert.deepEqual([onTop.errors, onTop.drift], [[], []]);
        }
        const fresh = tempDir();
        await buildRepo(config(repo), fresh);
        // The v1 provider files the last publish replaced stay until the next one.
        const served = (files: Record<string, string>) => Object.entries(files).filter(([f]) => !f.startsWith('p/'));
        assert.deepEqual(served(snapshotFiles(out)), served(snapshotFiles(fresh)));
        repo.cleanup();
      }),
      { numRuns: 6, seed: 18 },
    );
  });
});
