import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { BlobReader } from '../../../src/adapters/git/blob-reader.js';
import { MageosError } from '../../../src/core/errors.js';
import { createRepo, makeTempDir } from '../../support/git-fixture.js';
import { rmSync } from 'node:fs';

const MISSING = '0123456789abcdef0123456789abcdef01234567';

function isCode(code: string) {
  return (error: unknown): boolean => {
    assert.ok(error instanceof MageosError, String(error));
    assert.equal(error.code, code);
    return true;
  };
}

describe('BlobReader', () => {
  const repo = createRepo();
  const gitDir = `${repo.dir}/.git`;
  const files = new Map<string, Buffer>();
  for (let i = 0; i < 300; i++) files.set(`small/${i}.txt`, Buffer.from(`file ${i}\n`.repeat(i % 7)));
  files.set('big.bin', randomBytes(3 * 1024 * 1024 + 17));
  files.set('binary.dat', Buffer.from([0, 10, 13, 255, 0, 10, 32, 10]));
  files.set('ends-without-newline.txt', Buffer.from('no newline'));
  for (const [path, content] of files) repo.writeFile(path, content);
  repo.commit('content');
  const oids = new Map([...files.keys()].map((path) => [path, repo.git(['rev-parse', `HEAD:${path}`])]));
  let reader: BlobReader;

  before(async () => {
    reader = await BlobReader.open(gitDir);
  });
  after(async () => {
    await reader.close();
    repo.cleanup();
  });

  it('answers many outstanding reads in order, including a blob over 1 MiB and binary content', async () => {
    const paths = [...files.keys()];
    const contents = await Promise.all(paths.map((path) => reader.read(oids.get(path) ?? '')));
    paths.forEach((path, i) => assert.ok(contents[i]?.equals(files.get(path) ?? Buffer.alloc(1)), path));
  });

  it('reads text as UTF-8', async () => {
    repo.writeFile('utf8.txt', 'grüße ✓\n');
    repo.commit('utf8');
    assert.equal(await reader.readText(repo.git(['rev-parse', 'HEAD:utf8.txt'])), 'grüße ✓\n');
  });

  it('rejects only the read of a missing object and keeps answering the others', async () => {
    const first = oids.get('small/3.txt') ?? '';
    const last = oids.get('binary.dat') ?? '';
    const results = await Promise.allSettled([reader.read(first), reader.read(MISSING), reader.read(last)]);
    assert.equal(results[0]?.status, 'fulfilled');
    assert.equal(results[2]?.status, 'fulfilled');
    assert.equal(results[1]?.status, 'rejected');
    assert.ok(results[1]?.status === 'rejected' && isCode('ERR_GIT_OBJECT_MISSING')(results[1].reason));
    assert.ok((await reader.read(first)).equals(files.get('small/3.txt') ?? Buffer.alloc(1)));
  });

  it('reads a tree object as such, and refuses a blob as a tree', async () => {
    const tree = await reader.readTree(repo.git(['rev-parse', 'HEAD^{tree}']));
    assert.ok(tree.includes(Buffer.from('big.bin\0')));
    await assert.rejects(reader.readTree(oids.get('binary.dat') ?? ''), /is a blob, not a tree/);
  });

  it('starts git only when something is read', async () => {
    const idle = await BlobReader.open(gitDir);
    assert.equal((idle as unknown as { child: unknown }).child, null);
    await idle.close();
    await assert.rejects(idle.read(MISSING), /closed/);
  });

  it('refuses an object that is not a blob', async () => {
    await assert.rejects(reader.read(repo.git(['rev-parse', 'HEAD^{tree}'])), /is a tree, not a blob/);
    assert.ok((await reader.read(oids.get('binary.dat') ?? '')).length > 0);
  });

  it('refuses anything but a full object id, so nothing can be injected into the batch input', async () => {
    await assert.rejects(reader.read('HEAD'), isCode('ERR_GIT'));
    await assert.rejects(reader.read(`${MISSING}\nHEAD`), isCode('ERR_GIT'));
    assert.ok((await reader.read(oids.get('binary.dat') ?? '')).length > 0);
  });

  it('rejects every pending read with ERR_GIT when git dies', async () => {
    const doomed = await BlobReader.open(gitDir);
    const reads = [...oids.values()].map((oid) => doomed.read(oid));
    (doomed as unknown as { child: { kill(): void } }).child.kill();
    const results = await Promise.allSettled(reads);
    const rejected = results.filter((result) => result.status === 'rejected');
    assert.ok(rejected.length > 0);
    for (const result of rejected) assert.ok(isCode('ERR_GIT')(result.reason));
    await assert.rejects(doomed.read(MISSING), isCode('ERR_GIT'));
    await doomed.close();
  });

  it('fails reads with ERR_GIT when the git dir is not a repository', async () => {
    const empty = makeTempDir();
    const broken = await BlobReader.open(empty);
    await assert.rejects(broken.read(MISSING), isCode('ERR_GIT'));
    await broken.close();
    rmSync(empty, { recursive: true, force: true });
  });

  it('lets outstanding reads finish on close and refuses reads afterwards', async () => {
    const closing = await BlobReader.open(gitDir);
    const pending = closing.read(oids.get('big.bin') ?? '');
    const closed = closing.close();
    assert.ok((await pending).equals(files.get('big.bin') ?? Buffer.alloc(1)));
    await closed;
    await assert.rejects(closing.read(MISSING), /closed/);
  });

  it('does not keep the program alive when idle and not closed', () => {
    const module = fileURLToPath(new URL('../../../src/adapters/git/blob-reader.ts', import.meta.url));
    const script = `
      import { BlobReader } from ${JSON.stringify(module)};
      const reader = await BlobReader.open(${JSON.stringify(gitDir)});
      const content = await reader.read(${JSON.stringify(oids.get('binary.dat'))});
      process.stdout.write(String(content.length));
    `;
    const result = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      timeout: 20_000,
      encoding: 'utf8',
    });
    assert.equal(result.signal, null, 'the program had to be killed');
    assert.equal(result.stdout.trim(), '8');
  });
});
