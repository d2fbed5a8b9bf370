import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { type ArchiveFormat, ZipWriter } from '../../../src/adapters/zip/zip-writer.js';
import { readZipEntries, readZipEntry } from '../../../src/adapters/zip/zip-reader.js';
import { orderArchiveEntries } from '../../../src/core/archive/entry-order.js';

const work = mkdtempSync(join(tmpdir(), 'mageos-zip-'));
after(() => rmSync(work, { recursive: true, force: true }));
const golden = (name: string) => new URL(`../../fixtures/golden/${name}`, import.meta.url);

const MODULE_FILES: Array<{ path: string; executable: boolean; text: string }> = [
  { path: 'composer.json', executable: false, text: '{\n  "name": "acme/module-golden",\n  "version": "1.0.0"\n}' },
  { path: 'registration.php', executable: false, text: '<?php\n// registration\n' },
  { path: 'etc/module.xml', executable: false, text: '<config/>\n' },
  { path: 'etc/adminhtml/system.xml', executable: false, text: '<system/>\n' },
  { path: 'Model/Thing.php', executable: false, text: '<?php\nclass Thing {}\n' },
  { path: 'bin/run.sh', executable: true, text: '#!/bin/sh\necho run\n' },
  { path: 'README.md', executable: false, text: '# Golden\n' },
  { path: 'empty.txt', executable: false, text: '' },
];

async function writeModule(path: string, format: ArchiveFormat, emptyDirs: string[] = []) {
  const entries = orderArchiveEntries(MODULE_FILES.map((f) => ({ path: f.path, executable: f.executable, source: Buffer.from(f.text) })), emptyDirs);
  const writer = await ZipWriter.create(path, format);
  for (const e of entries) {
    if (e.kind === 'dir') await writer.addDirectory(e.path, e.mode);
    else await writer.addFile(e.path, e.source, { executable: e.executable });
  }
  return writer.finish();
}

/** A reviewable listing of every header field that decides the bytes. */
async function describeArchive(path: string): Promise<string> {
  const entries = await readZipEntries(path);
  return entries
    .map((e) => [e.name, `made-by=${e.versionMadeBy.toString(16)}`, `needs=${e.versionNeeded}`, `flags=${e.flags}`, `method=${e.method}`,
      `crc=${e.crc32.toString(16).padStart(8, '0')}`, `size=${e.size}`, `csize=${e.compressedSize}`, `attr=${e.externalAttributes.toString(16).padStart(8, '0')}`].join(' '))
    .join('\n') + '\n';
}

function checkGolden(name: string, actual: Buffer | string) {
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(golden(name))) writeFileSync(golden(name), actual);
  assert.deepEqual(readFileSync(golden(name), typeof actual === 'string' ? 'utf8' : undefined), actual, `differs from test/fixtures/golden/${name}`);
}

describe('ZipWriter, mageos format', () => {
  it('writes the reviewed golden archive byte for byte', async () => {
    const path = join(work, 'golden-mageos.zip');
    const { size, sha1 } = await writeModule(path, 'mageos');
    const bytes = readFileSync(path);
    assert.equal(size, bytes.length);
    assert.equal(sha1, (await import('node:crypto')).createHash('sha1').update(bytes).digest('hex'));
    checkGolden('module-mageos.zip', bytes);
    checkGolden('module-mageos.listing.txt', await describeArchive(path));
  });

  it('writes the header fields of the public Mage-OS archives', async () => {
    const path = join(work, 'fields.zip');
    await writeModule(path, 'mageos');
    const bytes = readFileSync(path);
    // local header: signature, version needed 10, flags 0, method 0, time 0xB04B, date 0x5456
    assert.equal(bytes.subarray(0, 14).toString('hex'), '504b03040a00000000004bb05654');
    const entries = await readZipEntries(path);
    for (const e of entries) {
      assert.equal(e.versionMadeBy, 0x031e, e.name);
      assert.equal(e.versionNeeded, 10, e.name);
      assert.equal(e.flags, 0, e.name);
      assert.equal(e.method, 0, e.name);
    }
    const attr = Object.fromEntries(entries.map((e) => [e.name, e.externalAttributes]));
    assert.equal(attr['registration.php'], 0x01a40000);
    assert.equal(attr['bin/run.sh'], 0x01ed0000);
    assert.equal(attr['etc/'], 0x01fd0010);
    // end of central directory with no comment: the file ends 22 bytes after its signature
    assert.equal(bytes.readUInt32LE(bytes.length - 22), 0x06054b50);
  });

  it('produces an archive that unzip extracts with the right content and modes', async () => {
    const path = join(work, 'extract.zip');
    await writeModule(path, 'mageos');
    const dir = join(work, 'extracted');
    execFileSync('unzip', ['-q', path, '-d', dir]);
    for (const f of MODULE_FILES) assert.equal(readFileSync(join(dir, f.path), 'utf8'), f.text, f.path);
    assert.equal(statSync(join(dir, 'bin/run.sh')).mode & 0o777, 0o755);
    assert.equal(statSync(join(dir, 'README.md')).mode & 0o777, 0o644);
    execFileSync('unzip', ['-tq', path]);
  });

  it('sets the UTF-8 flag only on non-ASCII names', async () => {
    const path = join(work, 'utf8.zip');
    const writer = await ZipWriter.create(path, 'mageos');
    await writer.addFile('i18n/de_DE.csv', Buffer.from('a'), { executable: false });
    await writer.addFile('i18n/Übersetzung.csv', Buffer.from('b'), { executable: false });
    await writer.finish();
    const entries = await readZipEntries(path);
    assert.deepEqual(entries.map((e) => [e.name, e.flags]), [['i18n/de_DE.csv', 0], ['i18n/Übersetzung.csv', 0x0800]]);
    assert.equal((await readZipEntry(path, 'i18n/Übersetzung.csv'))?.toString(), 'b');
  });

  it('writes archives larger than its buffers intact, and returns the size and sha1 of the file', async () => {
    const bodies = new Map<string, Buffer>();
    for (let i = 0; i < 400; i++) bodies.set(`small/${String(i).padStart(3, '0')}.txt`, Buffer.alloc(i * 37, String.fromCharCode(97 + (i % 26))));
    bodies.set('big/one.bin', Buffer.alloc(700_000, 1));
    bodies.set('big/two.bin', Buffer.alloc(9_000, 2));
    for (const [n, name] of [[80_000, 'long-name'], [3, `deep/${'d/'.repeat(200)}x`]] as const) bodies.set(String(name), Buffer.alloc(n, 3));
    for (const archive of ['one-by-one', 'twice']) {
      const path = join(work, `large-${archive}.zip`);
      const writer = await ZipWriter.create(path, 'mageos');
      for (const [name, body] of bodies) await writer.addFile(name, body, { executable: false });
      const { size, sha1 } = await writer.finish();
      assert.equal(size, statSync(path).size);
      assert.equal(sha1, createHash('sha1').update(readFileSync(path)).digest('hex'));
      assert.deepEqual((await readZipEntries(path)).map((e) => e.name), [...bodies.keys()]);
      for (const [name, body] of bodies) assert.ok((await readZipEntry(path, name))?.equals(body), name);
    }
    assert.deepEqual(readFileSync(join(work, 'large-one-by-one.zip')), readFileSync(join(work, 'large-twice.zip')), 'buffers reused from an earlier archive change nothing');
  });

  it('refuses to overwrite an existing file and removes its own partial file on abort', async () => {
    const path = join(work, 'abort.zip');
    const writer = await ZipWriter.create(path, 'mageos');
    await writer.addFile('a.txt', Buffer.from('a'), { executable: false });
    await assert.rejects(ZipWriter.create(path, 'mageos'), /EEXIST/);
    await writer.abort();
    assert.equal(existsSync(path), false);
  });
});

describe('ZipWriter, deflate format', () => {
  it('compresses entries deterministically and matches its golden listing', async () => {
    const a = join(work, 'deflate-a.zip');
    const b = join(work, 'deflate-b.zip');
    const first = await writeModule(a, 'deflate');
    const second = await writeModule(b, 'deflate');
    assert.equal(first.sha1, second.sha1);
    checkGolden('module-deflate.listing.txt', await describeArchive(a));
    const dir = join(work, 'deflate-extracted');
    execFileSync('unzip', ['-q', a, '-d', dir]);
    for (const f of MODULE_FILES) assert.equal(readFileSync(join(dir, f.path), 'utf8'), f.text, f.path);
  });

  it('stores entries that do not get smaller', async () => {
    const path = join(work, 'small.zip');
    const writer = await ZipWriter.create(path, 'deflate');
    await writer.addFile('x', Buffer.from('x'), { executable: false });
    await writer.addFile('big.txt', Buffer.alloc(4096, 'a'), { executable: false });
    await writer.finish();
    const methods = (await readZipEntries(path)).map((e) => [e.name, e.method, e.versionNeeded]);
    assert.deepEqual(methods, [['x', 0, 10], ['big.txt', 8, 20]]);
    assert.equal((await readZipEntry(path, 'big.txt'))?.length, 4096);
  });
});

describe('readZipEntries', () => {
  it('reports a damaged file clearly', async () => {
    const path = join(work, 'damaged.zip');
    writeFileSync(path, Buffer.alloc(100, 1));
    await assert.rejects(readZipEntries(path), (e: Error & { code?: string }) => e.code === 'ERR_ARCHIVE_ENTRY_INVALID' && e.message.includes(path));
  });

  it('returns null for an entry that is not there', async () => {
    const path = join(work, 'lookup.zip');
    await writeModule(path, 'mageos');
    assert.equal(await readZipEntry(path, 'nope.txt'), null);
  });
});
