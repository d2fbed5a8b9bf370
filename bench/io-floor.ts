// The I/O floor of a build: reading every blob that went into its archives once, and writing as many bytes durably.
import { spawn } from 'node:child_process';
import { closeSync, fsyncSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { listTree } from '../src/adapters/git/tree.js';
import { readZipEntries } from '../src/adapters/zip/zip-reader.js';
import type { BuildState, PublishedArtifact } from '../src/core/state/build-state.js';

export interface IoFloor {
  /** One `git cat-file --batch` pass over the blobs, output read and dropped. */
  readMs: number;
  /** Writing as many bytes to one file, then fsync. */
  writeMs: number;
  /** The two together: what no build of these archives can go below on one core each for git and the disk. */
  ms: number;
  bytes: number;
}

/**
 * The blob ids of every file in the archives of a built repository, with repeats, as written: each archive's entries
 * (its central directory) looked up in the tree of the commit it was built from. Generated files (composer.json) and
 * files taken from another source are not blobs of this one and are left out. `only` picks some archives.
 */
export async function archiveBlobs(gitDir: string, out: string, only: (a: PublishedArtifact) => boolean = () => true): Promise<string[]> {
  const state = JSON.parse(readFileSync(join(out, '.mageos-repo/state.json'), 'utf8')) as BuildState;
  const byCommit = new Map<string, Array<{ dir: string; file: string }>>();
  for (const a of Object.values(state.artifacts)) {
    if (a.kind === 'metapackage' || a.origin === 'archive' || !only(a)) continue;
    byCommit.set(a.commit, [...(byCommit.get(a.commit) ?? []), { dir: a.dir, file: a.file }]);
  }
  const oids: string[] = [];
  for (const [commit, archives] of byCommit) {
    const tree = new Map((await listTree(gitDir, commit)).map((e) => [e.path, e.oid]));
    for (const { dir, file } of archives) {
      for (const entry of await readZipEntries(join(out, file))) {
        const oid = entry.isDirectory ? undefined : tree.get(dir === '' ? entry.name : `${dir}/${entry.name}`);
        if (oid !== undefined && entry.name !== 'composer.json') oids.push(oid);
      }
    }
  }
  return oids;
}

/** Reads the blobs once with `git cat-file --batch`, then writes as many bytes to `target` and fsyncs it. */
export async function ioFloor(gitDir: string, oids: readonly string[], target: string): Promise<IoFloor> {
  const started = performance.now();
  const child = spawn('git', ['--git-dir', gitDir, 'cat-file', '--batch'], { stdio: ['pipe', 'pipe', 'inherit'] });
  let bytes = 0;
  child.stdout.on('data', (chunk: Buffer) => (bytes += chunk.length));
  const closed = new Promise((resolve) => child.on('close', resolve));
  // Written in slices: one string of a million ids would be as large as the pass is long.
  for (let i = 0; i < oids.length; i += 10_000) {
    if (!child.stdin.write(`${oids.slice(i, i + 10_000).join('\n')}\n`)) await new Promise((resolve) => child.stdin.once('drain', resolve));
  }
  child.stdin.end();
  await closed;
  const readMs = performance.now() - started;
  const writeStarted = performance.now();
  const chunk = Buffer.alloc(8 << 20, 0x61);
  const fd = openSync(target, 'w');
  try {
    for (let left = bytes; left > 0; left -= chunk.length) writeSync(fd, chunk, 0, Math.min(left, chunk.length));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  const writeMs = performance.now() - writeStarted;
  rmSync(target, { force: true });
  return { readMs, writeMs, ms: readMs + writeMs, bytes };
}
