import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { removeTempDirs, tempDir } from '../app/build-helpers.js';
import { runCli } from '../support/cli.js';

after(removeTempDirs);

const packageNames = (repo: string) => Object.keys((JSON.parse(readFileSync(join(repo, 'packages.json'), 'utf8')) as { 'available-packages': string[] })['available-packages'].reduce((o, n) => ({ ...o, [n]: true }), {}));

describe('mageos-repo demo', () => {
  it('the modules demo and the Magento demo keep their own default directories, so both can be run in one place', () => {
    const work = tempDir();
    const modules = runCli(['demo'], { cwd: work });
    assert.equal(modules.code, 0, modules.stderr);
    const magento = runCli(['demo', '--magento'], { cwd: work });
    assert.equal(magento.code, 0, magento.stderr);
    assert.match(magento.stdout, /^generated sample source .*demo-magento-source$/m);
    assert.ok(packageNames(join(work, 'demo-repo')).every((name) => name.startsWith('acme/')));
    const served = packageNames(join(work, 'demo-magento-repo'));
    for (const name of ['magento/project-community-edition', 'magento/composer-root-update-plugin', 'magento/composer-dependency-version-audit-plugin']) assert.ok(served.includes(name), name);
    const again = runCli(['demo'], { cwd: work });
    assert.match(again.stdout, /^reused sample source .*demo-source$/m);
    assert.match(again.stdout, /up to date: nothing to do/);
  });

  it("refuses the other demo's sample source with a usage error naming it", () => {
    const work = tempDir();
    assert.equal(runCli(['demo'], { cwd: work }).code, 0);
    const wrong = runCli(['demo', '--magento', '--source-dir', './demo-source'], { cwd: work });
    assert.equal(wrong.code, 2, wrong.stderr);
    assert.match(wrong.stderr, /demo-source holds the sample source of the modules demo, not the Magento one/);
    assert.match(wrong.stderr, /hint: Give the demo another --source-dir/);
    assert.equal(runCli(['demo', '--magento'], { cwd: work }).code, 0);
    const reverse = runCli(['demo', '--source-dir', './demo-magento-source', '--out', './other'], { cwd: work });
    assert.equal(reverse.code, 2, reverse.stderr);
    assert.match(reverse.stderr, /holds the sample source of the Magento demo \(--magento\), not the modules one/);
  });

  it('adds the plugin stand-ins to a Magento sample source generated before the demo had them', () => {
    const work = tempDir();
    assert.equal(runCli(['demo', '--magento'], { cwd: work }).code, 0);
    for (const dir of ['composer-root-update-plugin', 'composer-dependency-version-audit-plugin']) rmSync(join(work, 'demo-magento-source', dir), { recursive: true });
    const again = runCli(['demo', '--magento', '--out', './fresh'], { cwd: work });
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, /^reused sample source/m);
    assert.ok(existsSync(join(work, 'fresh/packages/magento/composer-root-update-plugin-2.0.4.zip')));
    assert.ok(existsSync(join(work, 'fresh/packages/magento/composer-dependency-version-audit-plugin-0.1.5.zip')));
  });
});
