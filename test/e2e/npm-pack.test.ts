import assert from 'node:assert/strict';
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, it } from 'node:test';
import { removeTempDirs, tempDir } from '../app/build-helpers.js';
import { createModulesRepo } from '../support/module-repo.js';

after(removeTempDirs);

const root = fileURLToPath(new URL('../..', import.meta.url));
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string; dependencies?: Record<string, string> };

/** The environment of a user's shell: node on PATH, none of the npm_* variables an `npm test` run passes down. */
function userEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
  return { ...env, PATH: [dirname(process.execPath), env.PATH ?? ''].join(delimiter), NO_COLOR: '1' };
}

function run(command: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: userEnv(), timeout: 60_000 });
  assert.equal(result.status, 0, `${command} ${args.join(' ')}\n${result.stdout}\n${result.stderr}`);
  return result;
}

const npmMissing = spawnSync('npm', ['--version'], { encoding: 'utf8' }).status !== 0;

describe('npm pack: a package that installs globally and runs anywhere', { skip: npmMissing && 'npm is not installed, so nothing can be packed' }, () => {
  it('the tarball installs with no download (empty npm cache, --offline) and the installed command prints its version, lists profiles, builds a repository from another directory and loads the publish command', () => {
    assert.ok(existsSync(join(root, 'dist/bundle/mageos-repo.js')), 'dist/bundle is missing: run npm run build');
    const work = tempDir();
    // --ignore-scripts: pack the bundle already built (`npm ci`/`npm run build`); a plain `npm pack` runs `prepare` first.
    const packed = JSON.parse(run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], root).stdout) as [{ filename: string; files: { path: string }[] }];
    const shipped = packed[0].files.map((file) => file.path);
    const outsideRuntime = shipped.filter((path) => !/^(bin|dist\/bundle|profiles|schemas|templates)\/|^(package\.json|README\.md|LICENSE)$/.test(path));
    assert.deepEqual(outsideRuntime, [], 'only what the command runs is packed');
    assert.deepEqual(manifest.dependencies ?? {}, {}, 'every library is in the bundle: nothing for npm to fetch');

    // An empty cache and --offline: npm fails with ENOTCACHED if it wants anything beyond the tarball.
    const prefix = join(work, 'prefix');
    run('npm', ['install', '-g', '--prefix', prefix, '--offline', '--cache', join(work, 'npm-cache'), '--no-audit', '--no-fund', join(work, packed[0].filename)], work);
    const bin = join(prefix, 'bin', 'mageos-repo');
    const installed = join(prefix, 'lib', 'node_modules', 'mageos-repo');
    const elsewhere = tempDir();

    assert.equal(run(bin, ['--version'], elsewhere).stdout.trim(), manifest.version);
    const profiles = run(bin, ['profiles'], elsewhere).stdout;
    assert.match(profiles, /^mirror +/m);
    assert.ok(profiles.includes(join(installed, 'profiles', 'mirror.json')), `profiles are read from the installed package:\n${profiles}`);
    for (const file of ['schemas/config.schema.json', 'templates/mageos/project-community-edition.json']) assert.ok(existsSync(join(installed, file)), file);

    const source = createModulesRepo();
    run(bin, ['build', '--source', source.dir, '--out', 'repo'], elsewhere);
    const packages = JSON.parse(readFileSync(join(elsewhere, 'repo', 'packages.json'), 'utf8')) as { 'available-packages': string[] };
    assert.deepEqual([...packages['available-packages']].sort(), ['acme/bundle', 'acme/module-a', 'acme/module-b']);
    const archives = readdirSync(join(elsewhere, 'repo'), { recursive: true, encoding: 'utf8' }).filter((path) => path.endsWith('.zip'));
    assert.ok(archives.some((path) => path.includes('module-a')), `an archive of acme/module-a: ${archives.join(', ')}`);
    // publish loads the bundled AWS SDK: with nothing listening at the endpoint it reaches the store and says so (exit 10), not "module not found".
    const env = { ...userEnv(), AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'y' };
    const publish = spawnSync(bin, ['publish', 'repo', 's3://packages/x', '--endpoint', 'http://127.0.0.1:9', '--dry-run'], { cwd: elsewhere, encoding: 'utf8', env, timeout: 60_000 });
    assert.equal(publish.status, 10, publish.stderr);
    assert.match(publish.stderr, /error ERR_PUBLISH: could not list s3:\/\/packages\/x\/\*/);
    source.cleanup();
  });
});
