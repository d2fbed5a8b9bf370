import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkTemplate, expandTemplate, type ReleaseMember } from '../../../src/core/distribution/templates.js';
import { MageosError } from '../../../src/core/errors.js';

const values = { vendor: 'acme', version: '1.2.0', magentoVersion: '2.4.7-p3', baseUrl: 'https://repo.example.com' };
const members: ReleaseMember[] = [
  { name: 'acme/framework', version: '1.2.0', type: 'magento2-library' },
  { name: 'acme/module-a', version: '1.2.0', type: 'magento2-module' },
  { name: 'acme/product-community-edition', version: '1.2.0', type: 'metapackage' },
  { name: 'acme/project-community-edition', version: '1.2.0', type: 'project' },
  { name: 'acme/composer', version: '1.0.4', type: 'library' },
];

const expand = (json: unknown, short = 'product-community-edition') => expandTemplate(checkTemplate(`${short}.json`, short, json), values, members);

function rejects(json: unknown, pattern: RegExp, short = 'product-community-edition'): void {
  assert.throws(
    () => checkTemplate(`/t/${short}.json`, short, json),
    (e: MageosError) => {
      assert.equal(e.code, 'ERR_CONFIG_INVALID');
      assert.match(e.message, new RegExp(`^template /t/${short}\\.json`));
      assert.match(e.message, pattern);
      return true;
    },
  );
}

describe('a distribution template', () => {
  it('replaces every placeholder in keys and values, and is named <vendor>/<short-name> at the release version', () => {
    const json = expand({
      name: 'someone/else',
      version: '9.9.9',
      description: '{vendor} {version} on Magento {magentoVersion}',
      require: { '{vendor}/product-community-edition': '{version}' },
      repositories: [{ type: 'composer', url: '{baseUrl}/' }],
      extra: { magento_version: '{magentoVersion}' },
    }, 'project-community-edition');
    assert.deepEqual(json, {
      name: 'acme/project-community-edition',
      description: 'acme 1.2.0 on Magento 2.4.7-p3',
      require: { 'acme/product-community-edition': '1.2.0' },
      repositories: [{ type: 'composer', url: 'https://repo.example.com/' }],
      extra: { magento_version: '2.4.7-p3' },
      version: '1.2.0',
    });
  });

  it('"{release}": "*" requires every package of the release at its version, but itself and projects, beside explicit requirements', () => {
    const json = expand({ require: { php: '~8.3.0', '{release}': '*' } });
    assert.deepEqual(json.require, { php: '~8.3.0', 'acme/framework': '1.2.0', 'acme/module-a': '1.2.0', 'acme/composer': '1.0.4' });
  });

  it('"{release}" with a list of globs is an allow-list: only the release\'s packages it names, the others are not invented', () => {
    const json = expand({ require: { '{release}': ['{vendor}/framework', 'acme/module-*', 'acme/module-not-in-release'] } }, 'product-minimal-edition');
    assert.deepEqual(json.require, { 'acme/framework': '1.2.0', 'acme/module-a': '1.2.0' });
  });

  it('leaves strings without placeholders, numbers, booleans and nulls as they are', () => {
    const json = expand({ autoload: { 'psr-4': { 'Magento\\Setup\\': 'setup/src/' }, 'exclude-from-classmap': ['**/dev/**'] }, 'prefer-stable': true, extra: { n: 1, x: null } });
    assert.deepEqual(json.autoload, { 'psr-4': { 'Magento\\Setup\\': 'setup/src/' }, 'exclude-from-classmap': ['**/dev/**'] });
    assert.equal(json['prefer-stable'], true);
    assert.deepEqual(json.extra, { n: 1, x: null });
  });

  it('refuses a template that is not an object, an unknown placeholder (naming the JSON path), a misplaced or malformed "{release}", a bad file name', () => {
    rejects([], /expected a JSON object/);
    rejects('x', /expected a JSON object/);
    rejects({ extra: { urls: ['{baseUrl}', '{repoUrl}/x'] } }, /at extra\.urls\[1\]: unknown placeholder "\{repoUrl\}"/);
    rejects({ require: { '{vendr}/framework': '*' } }, /at require\.\{vendr\}\/framework: unknown placeholder "\{vendr\}"/);
    rejects({ 'require-dev': { '{release}': '*' } }, /at require-dev\.\{release\}: "\{release\}" is only a key of "require"/);
    rejects({ require: { '{release}': [] } }, /at require\.\{release\}: expected a glob or a list of globs/);
    rejects({ require: { '{release}': true } }, /expected a glob/);
    rejects({}, /"Product" is not a Composer package name/, 'Product');
  });
});
