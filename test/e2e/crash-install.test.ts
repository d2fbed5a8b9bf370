import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { startStaticServer } from '../../src/adapters/http/static-server.js';
import { createSyntheticSource, type SyntheticSource } from '../../src/adapters/synthetic/synthetic-source.js';
import { expandVersions } from '../../src/core/metadata/minify.js';
import { removeTempDirs, tempDir } from '../app/build-helpers.js';
import { composer } from '../support/composer.js';
import { runCli, startCli } from '../support/cli.js';

after(removeTempDirs);

const TAGS = ['1.0.0', '1.0.1', '1.1.0', '1.1.1'];
const sha1 = (file: string) => createHash('sha1').update(readFileSync(file)).digest('hex');

/** Every dist that the metadata lists exists under its URL's path and has the listed sha1. */
function assertMetadataMatchesArchives(out: string, baseUrl: string): number {
  let checked = 0;
  const p2 = join(out, 'p2', 'acme');
  for (const file of readdirSync(p2).filter((f) => f.endsWith('.json'))) {
    const json = JSON.parse(readFileSync(join(p2, file), 'utf8')) as { packages: Record<string, Array<Record<string, unknown>>> };
    for (const versions of Object.values(json.packages)) {
      for (const v of expandVersions(versions)) {
        const dist = v.dist as { url: string; shasum: string } | undefined;
        if (dist === undefined) continue;
        const path = join(out, dist.url.slice(baseUrl.length));
        assert.ok(existsSync(path), `${file} lists ${dist.url}, which exists`);
        assert.equal(sha1(path), dist.shasum, `${dist.url} has the listed sha1`);
        checked++;
      }
    }
  }
  return checked;
}

function changed(out: string, before: Map<string, number>): boolean {
  for (const dir of [join(out, 'packages', 'acme'), join(out, 'p2', 'acme')]) {
    if (!existsSync(dir)) continue;
    for (const name of readdirSync(dir)) {
      const mtime = statSync(join(dir, name), { throwIfNoEntry: false })?.mtimeMs;
      if (mtime !== undefined && before.get(join(dir, name)) !== mtime) return true;
    }
  }
  return false;
}

function mtimes(out: string): Map<string, number> {
  const result = new Map<string, number>();
  for (const dir of [join(out, 'packages', 'acme'), join(out, 'p2', 'acme')]) {
    for (const name of readdirSync(dir)) result.set(join(dir, name), statSync(join(dir, name)).mtimeMs);
  }
  return result;
}

describe('a build killed at any moment leaves a repository that Composer installs from', () => {
  let source: SyntheticSource;

  before(async () => {
    source = await createSyntheticSource({ dir: join(tempDir(), 'source'), layout: 'modules', vendor: 'acme', packages: 30, tags: TAGS, filesPerPackage: 30, seed: 11 });
  });

  const killPoints: Array<[string, (out: string, before: Map<string, number>) => boolean]> = [
    ['as soon as the build starts', () => true],
    ['after the first new file appears', (out, before) => changed(out, before)],
  ];
  for (const [when, ready] of killPoints) {
    it(`killed ${when}: the old versions install, every listed archive is intact, the next build finishes`, async () => {
      const root = tempDir();
      const out = join(root, 'repo');
      mkdirSync(out);
      const server = await startStaticServer({ root: out, host: '127.0.0.1', port: 0, prefix: '/', log: () => {} });
      try {
        const configFile = join(root, 'config.json');
        const config = (tags: object) => JSON.stringify({ baseUrl: server.url, sources: [{ name: 'suite', path: source.dir, tags }] });
        writeFileSync(configFile, config({ only: TAGS.slice(0, 2) }));
        assert.equal(runCli(['build', '--config', configFile, '--out', out]).code, 0);
        const before = mtimes(out);
        writeFileSync(configFile, config({}));
        const { child, done } = startCli(['build', '--config', configFile, '--out', out, '--concurrency', '1']);
        const deadline = Date.now() + 60_000;
        while (!ready(out, before) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 2));
        child.kill('SIGKILL');
        await done;

        assert.ok(assertMetadataMatchesArchives(out, server.url) > 0);
        const project = join(root, 'project');
        mkdirSync(project);
        writeFileSync(join(project, 'composer.json'), JSON.stringify({ repositories: [{ type: 'composer', url: server.url }], config: { 'secure-http': false } }));
        const install = await composer(['require', `${source.metapackage}:*`, '--ignore-platform-reqs'], { cwd: project, home: join(root, 'home') });
        assert.equal(install.code, 0, install.stderr);
        assert.ok(existsSync(join(project, 'vendor', source.packages[0]?.name ?? 'missing', 'composer.json')));

        const again = runCli(['build', '--config', configFile, '--out', out]);
        assert.equal(again.code, 0, again.stderr + again.stdout);
        assertMetadataMatchesArchives(out, server.url);
        const update = await composer(['update', '--ignore-platform-reqs'], { cwd: project, home: join(root, 'home') });
        assert.equal(update.code, 0, update.stderr);
        const lock = JSON.parse(readFileSync(join(project, 'composer.lock'), 'utf8')) as { packages: Array<{ name: string; version: string }> };
        assert.equal(lock.packages.find((p) => p.name === source.metapackage)?.version, TAGS.at(-1));
      } finally {
        await server.close();
      }
    });
  }
});
