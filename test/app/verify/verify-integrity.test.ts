import assert from 'node:assert/strict';
import { rmSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { IntegrityReport } from '../../../src/core/verify/integrity-problem.js';
import { buildRepo, removeTempDirs, tempDir } from '../build-helpers.js';
import { createRepo } from '../../support/git-fixture.js';
import { createModulesRepo, moduleJson } from '../../support/module-repo.js';
import { builtModulesRepository, copyRepository, editP2, integrityOf, rewriteArchive } from '../../support/verify-fixtures.js';

after(removeTempDirs);


const brief = (report: IntegrityReport) => report.problems.map((p) => ({ package: p.package, version: p.version, kind: p.kind, details: p.details }));

describe('verify integrity', async () => {
  const clean = await builtModulesRepository();

  it('a repository built by mageos-repo passes: every requirement resolves, every archive is sound', async () => {
    const report = await integrityOf(clean);
    assert.deepEqual(report.problems, []);
    assert.deepEqual(report.notChecked, []);
    assert.deepEqual(report.counts, { packages: 3, versions: 7, archives: 4, problems: 0 });
  });

  it('reports a requirement no version matches, naming the constraint and the versions there are', async () => {
    // The build refuses such a requirement inside one release, so it comes from a second source here.
    const source = createModulesRepo();
    const other = createRepo();
    other.writeFile('composer.json', moduleJson('acme/module-c', null, { require: { 'acme/module-a': '^2.0', php: '>=8.1', 'ext-intl': '*' } }));
    other.commit('1.2.0');
    other.tag('1.2.0');
    const out = join(tempDir(), 'repo');
    await buildRepo({ sources: [{ path: source.dir }, { path: other.dir }] }, out);
    assert.deepEqual(brief(await integrityOf(out)), [
      { package: 'acme/module-c', version: '1.2.0', kind: 'unmet-requirement', details: { require: 'acme/module-a', constraint: '^2.0', available: ['1.0.1', '1.0.0'] } },
    ]);
    source.cleanup();
    other.cleanup();
  });

  it('with --vendor, a requirement on a package of another vendor the repository does not serve is unmet too; without, the report names it as not checked', async () => {
    const repo = copyRepository(clean);
    editP2(repo, 'acme/bundle', (versions) => {
      (versions[0] as { require: Record<string, string> }).require['magento/framework'] = '^103.0';
    });
    const unchecked = await integrityOf(repo);
    assert.deepEqual(brief(unchecked), []);
    assert.deepEqual(unchecked.notChecked, ['magento/framework']);
    const checked = await integrityOf(repo, { vendors: ['magento/*'] });
    assert.deepEqual(brief(checked), [
      { package: 'acme/bundle', version: '1.1.0', kind: 'unmet-requirement', details: { require: 'magento/framework', constraint: '^103.0', available: [] } },
    ]);
    assert.deepEqual(checked.notChecked, []);
  });

  it('without --vendor, a requirement on a package of a vendor the repository serves (acme/* here) that it does not hold is unmet', async () => {
    const repo = copyRepository(clean);
    editP2(repo, 'acme/bundle', (versions) => {
      (versions[0] as { require: Record<string, string> }).require['ACME/Composer-Plugin'] = '^2.0';
    });
    const report = await integrityOf(repo);
    assert.deepEqual(brief(report), [
      { package: 'acme/bundle', version: '1.1.0', kind: 'unmet-requirement', details: { require: 'ACME/Composer-Plugin', constraint: '^2.0', available: [] } },
    ]);
    assert.deepEqual(report.notChecked, []);
  });

  it('reports a missing archive, a wrong shasum and a corrupt archive, each with its URL', async () => {
    const repo = copyRepository(clean);
    rmSync(join(repo, 'packages/acme/module-a-1.0.0.zip'));
    editP2(repo, 'acme/module-a', (versions) => {
      (versions[0] as { dist: { shasum: string } }).dist.shasum = '0'.repeat(40);
    });
    truncateSync(join(repo, 'packages/acme/module-b-1.0.0.zip'), 100);
    const problems = (await integrityOf(repo)).problems;
    assert.deepEqual(problems.map((p) => `${p.package} ${p.version} ${p.kind}`), [
      'acme/module-a 1.0.0 archive-missing',
      'acme/module-a 1.0.1 shasum-mismatch',
      'acme/module-b 1.0.0 archive-invalid',
      'acme/module-b 1.0.0 shasum-mismatch',
    ]);
    assert.match(String(problems[0]?.details.url), /packages\/acme\/module-a-1\.0\.0\.zip$/);
    assert.deepEqual(Object.keys(problems[1]?.details ?? {}).sort(), ['actual', 'expected', 'url']);
    assert.equal(problems[1]?.details.expected, '0'.repeat(40));
    assert.match(problems[2]?.message ?? '', /not a valid zip/);
  });

  it("reports an archive whose composer.json disagrees with the metadata, or that has none", async () => {
    const repo = copyRepository(clean);
    await rewriteArchive(join(repo, 'packages/acme/module-b-1.1.0.zip'), (entries) =>
      entries.map((e) => (e.name === 'composer.json' ? { ...e, data: Buffer.from(JSON.stringify({ name: 'acme/module-b', require: { 'acme/module-a': '^1.0' } })) } : e)),
    );
    await rewriteArchive(join(repo, 'packages/acme/module-a-1.0.0.zip'), (entries) => entries.filter((e) => e.name !== 'composer.json'));
    const report = await integrityOf(repo);
    assert.deepEqual(
      brief(report).filter((p) => p.kind !== 'shasum-mismatch'),
      [
        { package: 'acme/module-a', version: '1.0.0', kind: 'composer-json-missing', details: {} },
        { package: 'acme/module-b', version: '1.1.0', kind: 'composer-json-mismatch', details: { key: 'require.acme/module-a', archive: '^1.0' } },
      ],
    );
  });

  it('reports a package whose metadata file is missing or broken', async () => {
    const repo = copyRepository(clean);
    rmSync(join(repo, 'p2/acme/module-a.json'));
    rmSync(join(repo, 'p2/acme/module-a~dev.json'));
    writeFileSync(join(repo, 'p2/acme/module-b.json'), '{"packages": ');
    const problems = brief(await integrityOf(repo));
    assert.deepEqual(problems.map((p) => `${p.package} ${p.kind}`), ['acme/module-a metadata-missing', 'acme/module-b metadata-invalid']);
  });
});
