import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { crc32 } from 'node:zlib';
import { openRepository } from '../../../src/adapters/composer-repository/open-repository.js';
import { startStaticServer } from '../../../src/adapters/http/static-server.js';
import { verifyParity, type VerifyParityOptions } from '../../../src/app/verify/verify-parity.js';
import type { ParityReport } from '../../../src/core/verify/parity-report.js';
import { buildRepo, removeTempDirs, tempDir } from '../build-helpers.js';
import { createRepo } from '../../support/git-fixture.js';
import { writeModule } from '../../support/module-repo.js';
import { builtModulesRepository, copyRepository, editP2, rewriteArchive } from '../../support/verify-fixtures.js';

after(removeTempDirs);

async function parity(ours: string, reference: string, options: Partial<VerifyParityOptions> = {}): Promise<ParityReport> {
  const cacheDir = join(tempDir(), 'cache');
  const [a, b] = [await openRepository(ours, { cacheDir }), await openRepository(reference, { cacheDir })];
  try {
    return await verifyParity({ ours: a, reference: b, ...options });
  } finally {
    await Promise.all([a.close(), b.close()]);
  }
}

const CHANGED_B = '<?php interface B { /* changed */ }\n';
const crcOf = (text: string) => ({ crc32: crc32(Buffer.from(text)).toString(16).padStart(8, '0'), size: Buffer.byteLength(text) });
const ALL_SAME = { compared: 7, identical: 7, differing: 0, onlyInOurs: 0, onlyInReference: 0, problems: 0 };

describe('verify parity', async () => {
  const clean = await builtModulesRepository();

  it('a repository against itself: every version identical', async () => {
    const report = await parity(clean, clean);
    assert.deepEqual(report.counts, ALL_SAME);
    assert.deepEqual([report.differing, report.onlyInOurs, report.onlyInReference], [[], [], []]);
  });

  it('reports exactly what differs: a missing file, an added file, changed content, a changed mode, a composer.json value', async () => {
    const ours = copyRepository(clean);
    const packages = join(ours, 'packages/acme');
    await rewriteArchive(join(packages, 'module-a-1.0.0.zip'), (entries) => entries.filter((e) => e.name !== 'Model/Thing.php'));
    await rewriteArchive(join(packages, 'module-b-1.0.0.zip'), (entries) =>
      entries.map((e) => (e.name === 'Api/B.php' ? { ...e, data: Buffer.from(CHANGED_B) } : e.name === 'bin/tool' ? { ...e, mode: 0o644 } : e)),
    );
    await rewriteArchive(join(packages, 'module-a-1.0.1.zip'), (entries) =>
      entries.map((e) => (e.name === 'composer.json' ? { ...e, data: Buffer.from(JSON.stringify({ ...JSON.parse(e.data.toString()), description: 'Changed' }, null, 4)) } : e)),
    );
    await rewriteArchive(join(packages, 'module-b-1.1.0.zip'), (entries) => [...entries, { name: 'extra.txt', data: Buffer.from('x'), mode: 0o644, isDirectory: false }]);
    const report = await parity(ours, clean);
    assert.deepEqual(report.counts, { compared: 7, identical: 3, differing: 4, onlyInOurs: 0, onlyInReference: 0, problems: 0 });
    const none = { added: [], missing: [], changed: [] };
    assert.deepEqual(report.differing, [
      { package: 'acme/module-a', version: '1.0.0', files: { ...none, missing: ['Model/Thing.php'] }, composerJson: [], problems: [] },
      { package: 'acme/module-a', version: '1.0.1', files: none, composerJson: [{ key: 'description', ours: 'Changed', reference: 'The acme/module-a module' }], problems: [] },
      {
        package: 'acme/module-b',
        version: '1.0.0',
        files: {
          ...none,
          changed: [
            { path: 'Api/B.php', content: { ours: crcOf(CHANGED_B), reference: crcOf('<?php interface B {}\n') } },
            { path: 'bin/tool', mode: { ours: '0644', reference: '0755' } },
          ],
        },
        composerJson: [],
        problems: [],
      },
      { package: 'acme/module-b', version: '1.1.0', files: { ...none, added: ['extra.txt'] }, composerJson: [], problems: [] },
    ]);
  });

  it('--ignore leaves paths out of the comparison; --package limits it to some packages', async () => {
    const ours = copyRepository(clean);
    await rewriteArchive(join(ours, 'packages/acme/module-a-1.0.0.zip'), (entries) => entries.filter((e) => e.name !== 'Model/Thing.php'));
    assert.equal((await parity(ours, clean, { ignore: ['Model/**'] })).counts.differing, 0);
    const onlyB = await parity(ours, clean, { packages: ['acme/module-b'] });
    assert.deepEqual(onlyB.counts, { compared: 2, identical: 2, differing: 0, onlyInOurs: 0, onlyInReference: 0, problems: 0 });
    assert.equal((await parity(ours, clean, { packages: ['acme/module-*'] })).counts.differing, 1);
  });

  it('lists versions present on one side only', async () => {
    const reference = copyRepository(clean);
    editP2(reference, 'acme/module-a', (versions) => void versions.splice(0, 1));
    const report = await parity(clean, reference);
    assert.deepEqual(report.onlyInOurs, [{ package: 'acme/module-a', version: '1.0.1' }]);
    assert.deepEqual((await parity(reference, clean)).onlyInReference, [{ package: 'acme/module-a', version: '1.0.1' }]);
  });

  it('a damaged archive on one side is reported as a problem of that version, the rest still compared', async () => {
    const reference = copyRepository(clean);
    await rewriteArchive(join(reference, 'packages/acme/module-b-1.1.0.zip'), () => []);
    writeFileSync(join(reference, 'packages/acme/module-a-1.0.0.zip'), 'not a zip');
    const report = await parity(clean, reference);
    assert.deepEqual(report.differing.map((d) => [d.package, d.version, d.problems]), [
      ['acme/module-a', '1.0.0', [report.differing[0]?.problems[0]]],
      ['acme/module-b', '1.1.0', ['the reference archive holds no composer.json']],
    ]);
    assert.match(report.differing[0]?.problems[0] ?? '', /^the reference archive is not a valid zip/);
    assert.equal(report.counts.identical, 5);
  });

  it('against a plain directory of archives, GitHub-style ones (files in one top-level directory) included', async () => {
    assert.deepEqual((await parity(clean, join(clean, 'packages'))).counts, ALL_SAME);
    const archives = join(tempDir(), 'archives');
    mkdirSync(join(archives, 'nested'), { recursive: true });
    const zipball = join(archives, 'nested', 'acme-module-b-0a1b2c3.zip');
    copyFileSync(join(clean, 'packages/acme/module-b-1.0.0.zip'), zipball);
    await rewriteArchive(zipball, (entries) => [{ name: 'acme-module-b-0a1b2c3/', data: Buffer.alloc(0), mode: 0o755, isDirectory: true }, ...entries.map((e) => ({ ...e, name: `acme-module-b-0a1b2c3/${e.name}` }))]);
    const report = await parity(clean, archives, { packages: ['acme/module-b'] });
    assert.deepEqual(report.counts, { compared: 1, identical: 1, differing: 0, onlyInOurs: 1, onlyInReference: 0, problems: 0 });
  });

  it('against a repository served over HTTP', async () => {
    const root = join(tempDir(), 'served');
    mkdirSync(root);
    const server = await startStaticServer({ root, host: '127.0.0.1', port: 0, prefix: '/' });
    try {
      await builtModulesRepository({ out: root, baseUrl: server.url });
      assert.deepEqual((await parity(clean, server.url)).counts, ALL_SAME);
    } finally {
      await server.close();
    }
  });

  it("compares a metapackage's archive with the reference's archive, not its metadata (which leaves out root-only keys such as prefer-stable)", async () => {
    const source = createRepo();
    writeModule(source, 'ModA', 'acme/module-a', '1.0.0');
    source.writeFile('_metapackage/composer.json', JSON.stringify({ name: 'acme/product', type: 'metapackage', require: { 'acme/module-a': '1.0.0' }, 'prefer-stable': true }, null, 4));
    source.commit('1.0.0');
    source.tag('1.0.0');
    const out = join(tempDir(), 'repo');
    await buildRepo({ sources: [{ path: source.dir }] }, out);
    source.cleanup();
    const reference = join(tempDir(), 'reference');
    mkdirSync(reference);
    for (const name of ['module-a-1.0.0.zip', 'product-1.0.0.zip']) copyFileSync(join(out, 'packages/acme', name), join(reference, name));
    const same = await parity(out, reference);
    assert.deepEqual(same.counts, { compared: 2, identical: 2, differing: 0, onlyInOurs: 0, onlyInReference: 0, problems: 0 });
    await rewriteArchive(join(reference, 'product-1.0.0.zip'), (entries) =>
      entries.map((e) => (e.name === 'composer.json' ? { ...e, data: Buffer.from(JSON.stringify({ name: 'acme/product', type: 'metapackage', version: '1.0.0', require: { 'acme/module-a': '1.0.0' } })) } : e)),
    );
    const differing = await parity(out, reference);
    assert.deepEqual(differing.differing.map((d) => [d.package, d.composerJson]), [['acme/product', [{ key: 'prefer-stable', ours: true }]]]);
  });

  it('damaged metadata on either side is a problem that fails parity, never a crash or a pass', async () => {
    const repo = copyRepository(clean);
    editP2(repo, 'acme/module-b', (versions) => {
      (versions[0] as Record<string, unknown>).require = 'x';
      (versions[1] as Record<string, unknown>).version = null;
    });
    writeFileSync(join(repo, 'p2/acme/module-a.json'), '{"packages": 5}');
    const report = await parity(clean, repo);
    assert.deepEqual(
      report.problems.map((p) => `${p.side} ${p.package} ${p.version ?? '-'}: ${p.message}`),
      [
        'reference acme/module-a -: /p2/acme/module-a.json: "packages" is a number, not an object',
        'reference acme/module-b -: /p2/acme/module-b.json entry 1 has no version ("version" is null)',
        'reference acme/module-b 1.1.0: "require" is a string, not an object of package names and constraints',
      ],
    );
    assert.equal(report.counts.problems, 3);
    const broken = copyRepository(clean);
    writeFileSync(join(broken, 'packages.json'), '"x"');
    const root = await parity(broken, clean);
    assert.deepEqual(root.problems.map((p) => `${p.side} ${p.package}`), ['ours (repository)']);
    assert.equal(root.counts.onlyInReference, 7);
  });
});
