import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startStaticServer, type StaticServer } from '../../src/adapters/http/static-server.js';
import { composer } from '../support/composer.js';
import { createRepo } from '../support/git-fixture.js';
import { buildRepo, removeTempDirs, tempDir } from './build-helpers.js';

const json = (value: unknown) => `${JSON.stringify(value, null, 4)}\n`;
const unescape = (html: string) => html.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/** What the index says of a package: the version shown and the install line offered. */
function shown(page: string, name: string): { version: string; line: string } {
  const entry = new RegExp(`<details data-name="${name}"><summary><b>[^<]*</b> <span class="v">([^<]+)</span>.*?<div class="cmd"><code>(.*?)</code>`).exec(page);
  assert.ok(entry, `${name} is on the index`);
  return { version: unescape(entry[1] as string), line: unescape(entry[2] as string) };
}

/** The words of a command line as a POSIX shell reads them. */
const words = (line: string): string[] => execFileSync('sh', ['-c', `printf '%s\\0' ${line}`], { encoding: 'utf8' }).split('\0').slice(0, -1);

const installedVersion = (dir: string, name: string): string =>
  (JSON.parse(readFileSync(join(dir, 'vendor/composer/installed.json'), 'utf8')) as { packages: { name: string; version: string }[] }).packages.find((p) => p.name === name)?.version ?? 'not installed';

describe('the index page and the real Composer client', () => {
  let server: StaticServer;
  let page: string;
  const home = join(tempDir(), 'composer-home');

  before(async () => {
    const out = tempDir();
    server = await startStaticServer({ root: out, port: 0, log: () => {} });
    const source = createRepo();
    source.writeFile('Lib/composer.json', json({ name: 'acme/lib', type: 'library', license: 'MIT' }));
    source.writeFile('Pre/composer.json', json({ name: 'acme/pre', type: 'library', version: '2.0.0-beta1' }));
    const repositories = [{ type: 'composer', url: server.url }];
    source.writeFile('Tpl/composer.json', json({ name: 'acme/tpl', type: 'project', version: '1.0.0-RC1', require: { 'acme/lib': '^1.0' }, repositories }));
    for (const tag of ['1.0.0', '1.1.0', '1.2.0-beta1']) {
      source.writeFile('Lib/README', `${tag}\n`);
      source.commit(tag);
      source.tag(tag);
    }
    try {
      const result = await buildRepo({ baseUrl: server.url, sources: [{ path: source.dir, name: 'acme' }] }, out);
      assert.deepEqual(result.errors, []);
    } finally {
      source.cleanup();
    }
    page = readFileSync(join(out, 'index.html'), 'utf8');
  });
  after(async () => {
    await server.close();
    removeTempDirs();
  });

  for (const [name, expected] of [['acme/lib', '1.1.0'], ['acme/pre', '2.0.0-beta1']] as const) {
    it(`${name}: its require line, pasted into a project, installs the version shown (${expected})`, async () => {
      const { version, line } = shown(page, name);
      assert.equal(version, expected);
      const project = tempDir();
      writeFileSync(join(project, 'composer.json'), json({ name: 'test/app', repositories: [{ type: 'composer', url: server.url }] }));
      const run = await composer(words(line).slice(1), { cwd: project, home });
      assert.equal(run.code, 0, run.stderr);
      assert.equal(installedVersion(project, name), version);
    });
  }

  it('the project template: its create-project line starts a project at the version shown', async () => {
    const { version, line } = shown(page, 'acme/tpl');
    assert.equal(version, '1.0.0-RC1');
    const cwd = tempDir();
    const run = await composer(words(line).slice(1), { cwd, home });
    assert.equal(run.code, 0, run.stderr);
    assert.equal((JSON.parse(readFileSync(join(cwd, 'tpl/composer.json'), 'utf8')) as { version: string }).version, version);
    assert.equal(installedVersion(join(cwd, 'tpl'), 'acme/lib'), '1.1.0');
  });
});
