import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { resolveConfig } from '../../../src/app/config/resolve-config.js';
import { profilePath } from '../../../src/app/config/profiles.js';
import { MageosError } from '../../../src/core/errors.js';
import { removeTempDirs, tempDir } from '../build-helpers.js';

after(removeTempDirs);

const write = (file: string, value: unknown) => {
  mkdirSync(join(file, '..'), { recursive: true });
  writeFileSync(file, JSON.stringify(value));
  return file;
};

async function refusal(request: Parameters<typeof resolveConfig>[0]): Promise<MageosError> {
  try {
    await resolveConfig(request);
  } catch (error) {
    assert.ok(error instanceof MageosError, String(error));
    return error;
  }
  assert.fail('expected the config to be refused');
}

const mirrorSources = (JSON.parse(readFileSync(profilePath('mirror'), 'utf8')) as { sources: Array<{ name: string; url?: string }> }).sources;

describe('a config that extends a profile or another file', () => {
  it('extends the mirror profile: one source pointed elsewhere, one removed, the rest and their fixes as the profile has them', async () => {
    const dir = tempDir();
    const file = write(join(dir, 'my-mirror.json'), { extends: 'mirror', removeSources: ['page-builder'], sources: [{ name: 'magento2', path: './git/magento2.git' }] });
    const config = await resolveConfig({ configFile: file });
    assert.equal(config.sources.length, mirrorSources.length - 1);
    assert.ok(!config.sources.some((s) => s.name === 'page-builder'));
    const magento2 = config.sources.find((s) => s.name === 'magento2');
    assert.equal(magento2?.path, join(dir, 'git/magento2.git'));
    assert.equal(magento2?.url, undefined);
    assert.ok((magento2?.fixes ?? []).length > 0, 'the profile\'s fixes stay');
  });

  it('urlRewrites make every mage-os URL of the profile a path under one directory, longest prefix first', async () => {
    const file = write(join(tempDir(), 'rewrites.json'), { extends: 'mirror', urlRewrites: { 'https://github.com/': 'https://git.example.com/', 'https://github.com/mage-os/': '/srv/git/' } });
    const config = await resolveConfig({ configFile: file });
    for (const [i, source] of config.sources.entries()) {
      const url = mirrorSources[i]?.url ?? '';
      if (url.startsWith('https://github.com/mage-os/')) assert.equal(source.path, `/srv/git/${url.slice('https://github.com/mage-os/'.length)}`);
      else if (url.startsWith('https://github.com/')) assert.equal(source.url, `https://git.example.com/${url.slice('https://github.com/'.length)}`);
    }
    assert.ok(config.sources.some((s) => s.path !== undefined));
    for (const archive of config.archives ?? []) assert.equal(archive.url, undefined, 'archive sources are rewritten too');
  });

  it('reads relative paths of an extended file from that file\'s directory, through a chain of files', async () => {
    const dir = tempDir();
    write(join(dir, 'shared/base.json'), { title: 'Base', sources: [{ name: 'a', path: './repos/a' }, { name: 'b', path: './repos/b' }] });
    write(join(dir, 'team/middle.json'), { extends: '../shared/base.json', sources: [{ name: 'b', path: './mine/b' }] });
    const top = write(join(dir, 'top.json'), { extends: './team/middle.json', title: 'Top' });
    const config = await resolveConfig({ configFile: top });
    assert.equal(config.title, 'Top');
    assert.deepEqual(config.sources.map((s) => s.path), [join(dir, 'shared/repos/a'), join(dir, 'team/mine/b')]);
  });

  it('refuses a cycle, naming the files in order', async () => {
    const dir = tempDir();
    write(join(dir, 'a.json'), { extends: './b.json', sources: [] });
    write(join(dir, 'b.json'), { extends: './a.json', sources: [] });
    const error = await refusal({ configFile: join(dir, 'a.json') });
    assert.equal(error.code, 'ERR_CONFIG_INVALID');
    assert.match(error.message, /cycle: .*b\.json → .*a\.json → .*a\.json/);
  });

  it('refuses an unknown profile or a missing file, naming the file that extends it', async () => {
    const dir = tempDir();
    const unknown = await refusal({ configFile: write(join(dir, 'x.json'), { extends: 'mirorr' }) });
    assert.equal(unknown.code, 'ERR_PROFILE_UNKNOWN');
    assert.match(unknown.message, /x\.json extends "mirorr", which is neither a built-in profile nor a file path/);
    assert.match(unknown.hint ?? '', /mirror/);
    const missing = await refusal({ configFile: write(join(dir, 'y.json'), { extends: './nope.json' }) });
    assert.equal(missing.code, 'ERR_CONFIG_NOT_FOUND');
    assert.match(missing.message, /y\.json extends "\.\/nope\.json": cannot read config file .*nope\.json/);
  });

  it('validates the merged result with the schema and names the file that brought the bad field', async () => {
    const dir = tempDir();
    const base = write(join(dir, 'base.json'), { sources: [{ name: 'a', path: '/a', tags: { from: 'not a version' } }] });
    const top = write(join(dir, 'top.json'), { extends: './base.json', sources: [{ name: 'b', path: '/b', colour: 'red' }] });
    const error = await refusal({ configFile: top });
    assert.equal(error.code, 'ERR_CONFIG_INVALID');
    assert.match(error.message, new RegExp(`\\$\\.sources\\[0\\]\\.tags\\.from: .*\\(from ${base.replaceAll('/', '\\/')}\\)`));
    assert.match(error.message, new RegExp(`\\$\\.sources\\[1\\]: unknown field\\(s\\) "colour".*\\(from ${top.replaceAll('/', '\\/')}\\)`));
  });
});

describe('docs/configuration.md, "Pointing a profile at your own git server"', () => {
  it('its three example configs resolve, with every mage-os source moved where the example says', async () => {
    const doc = readFileSync(new URL('../../../docs/configuration.md', import.meta.url), 'utf8');
    const section = doc.slice(doc.indexOf('## Pointing a profile at your own git server'));
    const examples = [...section.matchAll(/```json\n([^]*?)\n```/g)].map((m) => m[1] as string);
    assert.equal(examples.length, 3);
    const moved = ['https://git.internal.example/mage-os/mirror-inventory.git', '/srv/git/mirror-inventory.git', 'git-cache/mirror-inventory.git'];
    for (const [i, example] of examples.entries()) {
      const config = await resolveConfig({ configFile: write(join(tempDir(), 'example.json'), JSON.parse(example)) });
      const inventory = config.sources.find((s) => s.name === 'inventory');
      assert.ok((inventory?.url ?? inventory?.path ?? '').endsWith(moved[i] as string), `example ${i + 1}: ${JSON.stringify(inventory?.url ?? inventory?.path)}`);
    }
  });
});

describe('--source-url', () => {
  it('points a named source of a profile at a local directory or URL', async () => {
    const dir = tempDir();
    const config = await resolveConfig({ profile: 'security-package', sourceUrls: [`security-package=${dir}`], cwd: dir });
    assert.equal(config.sources[0]?.path, dir);
    const byUrl = await resolveConfig({ profile: 'security-package', sourceUrls: ['security-package=https://git.example.com/sp.git'] });
    assert.equal(byUrl.sources[0]?.url, 'https://git.example.com/sp.git');
  });

  it('refuses an unknown name listing the source names, and a value that is neither a directory nor a URL', async () => {
    const unknown = await refusal({ profile: 'security-package', sourceUrls: ['magento2=https://x.example/m.git'] });
    assert.equal(unknown.code, 'ERR_USAGE');
    assert.match(unknown.message, /--source-url names source "magento2", which profile "security-package" does not have/);
    assert.match(unknown.hint ?? '', /security-package/);
    const bad = await refusal({ profile: 'security-package', sourceUrls: ['security-package=./does-not-exist'], cwd: tempDir() });
    assert.match(bad.message, /neither an existing directory nor a git URL/);
    const shape = await refusal({ profile: 'security-package', sourceUrls: ['security-package'] });
    assert.match(shape.message, /is not <name>=<url-or-path>/);
  });
});
