import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { removeTempDirs, tempDir } from '../app/build-helpers.js';
import { composerEnv } from '../support/composer.js';

after(removeTempDirs);

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CLI = fileURLToPath(new URL('../support/cli-entry.ts', import.meta.url));
const TSX = fileURLToPath(import.meta.resolve('tsx'));
const MARKER = '<!-- run as written by test/e2e/docs-magento-example.test.ts -->';
const DOCS_PORT = '8080';
const CREATE_PROJECT = 'composer create-project --repository-url=http://127.0.0.1:8080/ magento/project-community-edition';

const readDoc = (path: string) => readFileSync(join(ROOT, path), 'utf8');

/** The lines of the sh block that follows the marker in a doc (the doc has exactly one). */
function testedBlock(doc: string, path: string): string[] {
  const parts = doc.split(MARKER);
  assert.equal(parts.length, 2, `${path} has one block marked as tested`);
  const block = /^\s*```sh\n([\s\S]*?)\n```/.exec(parts[1] as string);
  assert.ok(block, `${path}: the marker is followed by a sh block`);
  return (block[1] as string).split('\n');
}

/** The command of a doc line, without its comment. */
const command = (line: string) => line.replace(/\s+#.*$/, '').trim();

async function freePort(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return String(port);
}

interface ShellRun {
  code: number;
  output: string;
}

/**
 * Runs the doc's lines in order in one bash, as a user pasting them would, with two additions that are not doc
 * lines: `npx mageos-repo` runs this checkout's sources (the docs' npx finds the built bin), and after a line that
 * starts a server in the background the script waits until the port answers (a user reads the output first).
 * The one change to the doc lines is the port.
 */
function runLines(lines: string[], options: { cwd: string; port: string }): Promise<ShellRun> {
  const script = [
    // Job control as in an interactive shell: `kill %1` ends the server's whole process group.
    'set -euo pipefail -m',
    "trap 'for job in $(jobs -p); do kill -- -$job 2>/dev/null || true; done' EXIT",
    `npx() { if [ "$1" = mageos-repo ]; then shift; "${process.execPath}" --import "${TSX}" "${CLI}" "$@"; else command npx "$@"; fi; }`,
    ...lines.flatMap((line) => {
      const run = line.replaceAll(DOCS_PORT, options.port);
      if (!command(line).endsWith('&')) return [run];
      return [run, `for i in $(seq 300); do (exec 3<>/dev/tcp/127.0.0.1/${options.port}) 2>/dev/null && break; sleep 0.1; done`];
    }),
  ].join('\n');
  const env: NodeJS.ProcessEnv = { ...composerEnv(), TMPDIR: options.cwd, NO_COLOR: '1', no_proxy: '127.0.0.1,localhost' };
  delete env.FORCE_COLOR;
  const child = spawn('bash', ['-c', script], { cwd: options.cwd, env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000 });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (output += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (output += d));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code: code ?? -1, output })));
}

interface LockedPackage {
  name: string;
  version: string;
  dist?: { url: string };
}

function lockedPackages(project: string): Map<string, LockedPackage> {
  const lock = JSON.parse(readFileSync(join(project, 'composer.lock'), 'utf8')) as { packages: LockedPackage[] };
  return new Map(lock.packages.map((p) => [p.name, p]));
}

const STAND_INS = ['magento/composer-dependency-version-audit-plugin', 'magento/composer-root-update-plugin'];

/** Magento 2.4.7-p1 (the newest release, derived) installed with its two plugins, every archive from `url`, the plugins loaded. */
function assertMagentoInstalled(run: ShellRun, project: string, url: string): void {
  const locked = lockedPackages(project);
  assert.equal(locked.get('magento/product-community-edition')?.version, '2.4.7-p1');
  for (const name of STAND_INS) {
    assert.ok(locked.has(name), `${name} is installed`);
    assert.match(run.output, new RegExp(`${name}: a stand-in from the mageos-repo demo, it does nothing`), `${name} was loaded as a plugin`);
  }
  for (const p of locked.values()) if (p.dist) assert.ok(p.dist.url.startsWith(url), `${p.name} from ${p.dist.url}`);
  assert.ok(locked.has('magento/magento2-base') && locked.has('magento/framework'));
}

describe("the docs' Magento example, run as written (only the port changed)", () => {
  it('README: demo --magento, serve, and the plain create-project (no version, plugins on, Packagist off) installs 2.4.7-p1; verify integrity and verify install pass', async () => {
    const lines = testedBlock(readDoc('README.md'), 'README.md');
    const commands = lines.map(command);
    assert.ok(commands.includes(CREATE_PROJECT), `the README runs "${CREATE_PROJECT}"`);
    assert.ok(commands.includes('composer config -g repo.packagist false'));
    assert.ok(commands.some((c) => c.startsWith('export COMPOSER_HOME=')));
    assert.ok(!commands.some((c) => /--no-plugins|--ignore-platform-req|--repository=|packagist\.org"?: ?true/.test(c)));
    const work = tempDir();
    const port = await freePort();
    const run = await runLines(lines, { cwd: work, port });
    assert.equal(run.code, 0, run.output);
    assertMagentoInstalled(run, join(work, 'project-community-edition'), `http://127.0.0.1:${port}/`);
    assert.match(run.output, /\npassed: no problems found\n/);
    assert.doesNotMatch(run.output, /not checked:/);
    assert.match(run.output, /\ninstalled magento\/project-community-edition 2\.4\.7-p1 in [\d.]+ s: \d+ packages\n/);
  });

  it('docs/mirror.md: the rehearsal under a sub-path installs the same way, and the real run differs from it only in the URL', async () => {
    const doc = readDoc('docs/mirror.md');
    const lines = testedBlock(doc, 'docs/mirror.md');
    const rehearsal = lines.map(command).find((c) => c.startsWith('composer create-project'));
    assert.equal(rehearsal, 'composer create-project --repository-url=http://127.0.0.1:8080/mirror/ magento/project-community-edition shop');
    assert.ok(doc.includes(`\n${rehearsal.replace('http://127.0.0.1:8080/mirror/', 'https://mirror.example.com/')}\n`), 'the real create-project line');
    const work = tempDir();
    const port = await freePort();
    const run = await runLines(lines, { cwd: work, port });
    assert.equal(run.code, 0, run.output);
    assertMagentoInstalled(run, join(work, 'rehearsal', 'shop'), `http://127.0.0.1:${port}/mirror/`);
    assert.match(run.output, /\npassed: no problems found\n/);
  });
});
