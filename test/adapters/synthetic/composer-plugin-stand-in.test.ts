import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createComposerPluginStandIn } from '../../../src/adapters/synthetic/composer-plugin-stand-in.js';
import { MAGENTO_DEMO_PLUGINS } from '../../../src/app/demo.js';
import { removeTempDirs, tempDir } from '../../app/build-helpers.js';

after(removeTempDirs);

const git = (dir: string, args: string[]) => execFileSync('git', ['-C', dir, ...args], { encoding: 'utf8' });
/** The demo's stand-ins: one in a sub-directory with the namespace at its root, one at the root with a src/ namespace root. */
function demoPlugin(source: string) {
  const { source: _source, ...options } = MAGENTO_DEMO_PLUGINS.find((p) => p.source === source) ?? assert.fail(source);
  return options;
}

describe('createComposerPluginStandIn', () => {
  it('writes one tagged commit holding a composer-plugin package whose plugin class sits where its PSR-4 autoload finds it', async () => {
    const dir = join(tempDir(), 'plugin');
    const standIn = await createComposerPluginStandIn({ dir, ...demoPlugin('composer-root-update-plugin') });
    assert.deepEqual(standIn, { dir, name: 'magento/composer-root-update-plugin', tag: '2.0.4' });
    assert.equal(git(dir, ['tag']).trim(), '2.0.4');
    assert.deepEqual(git(dir, ['ls-tree', '-r', '--name-only', '2.0.4']).trim().split('\n'), [
      'src/Magento/ComposerRootUpdatePlugin/Plugin/PluginDefinition.php',
      'src/Magento/ComposerRootUpdatePlugin/README.md',
      'src/Magento/ComposerRootUpdatePlugin/composer.json',
    ]);
    const json = JSON.parse(git(dir, ['show', '2.0.4:src/Magento/ComposerRootUpdatePlugin/composer.json']));
    assert.equal(json.type, 'composer-plugin');
    assert.equal(json.require['composer-plugin-api'], '^2.0');
    assert.deepEqual(json.autoload, { 'psr-4': { 'Magento\\ComposerRootUpdatePlugin\\': '' } });
    assert.equal(json.extra.class, 'Magento\\ComposerRootUpdatePlugin\\Plugin\\PluginDefinition');
    assert.match(json.description, /stand-in/);
    const php = git(dir, ['show', '2.0.4:src/Magento/ComposerRootUpdatePlugin/Plugin/PluginDefinition.php']);
    assert.match(php, /^namespace Magento\\ComposerRootUpdatePlugin\\Plugin;$/m);
    assert.match(php, /^class PluginDefinition implements PluginInterface$/m);
    for (const method of ['activate', 'deactivate', 'uninstall']) assert.match(php, new RegExp(`public function ${method}\\(Composer \\$composer, IOInterface \\$io\\)`));
  });

  it('writes PHP that the PHP linter accepts, for a package at the repository root with a src/ namespace root', async () => {
    const dir = join(tempDir(), 'plugin');
    await createComposerPluginStandIn({ dir, ...demoPlugin('composer-dependency-version-audit-plugin') });
    assert.deepEqual(git(dir, ['ls-tree', '-r', '--name-only', 'HEAD']).trim().split('\n'), ['README.md', 'composer.json', 'src/Plugin.php']);
    assert.match(execFileSync('php', ['-l', join(dir, 'src/Plugin.php')], { encoding: 'utf8' }), /No syntax errors/);
  });
});
