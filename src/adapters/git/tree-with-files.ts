import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MageosError } from '../../core/errors.js';
import { CatFileParser } from './cat-file-parser.js';
import { runGit } from './git-command.js';
import { parseLsTree } from './tree.js';

export interface CommitFile {
  mode: string;
  oid: string;
  content: Buffer;
}

export interface NewContent {
  path: string;
  /** Kept from the file it replaces, e.g. '100644'. */
  mode: string;
  content: Buffer;
}

// Index features that write beside the index (a shared index in the git directory) or ask a daemon: off for a scratch index.
const SCRATCH_INDEX = ['-c', 'core.splitIndex=false', '-c', 'core.fsmonitor=false', '-c', 'core.untrackedCache=false', '-c', 'index.sparse=false'];

/** The blobs at `paths` of a commit's tree, read with one ls-tree and one cat-file; a path that is no blob there is absent. */
export async function readCommitFiles(gitDir: string, commit: string, paths: string[]): Promise<Map<string, CommitFile>> {
  const files = new Map<string, CommitFile>();
  if (paths.length === 0) return files;
  const listed = await runGit(gitDir, ['--literal-pathspecs', 'ls-tree', '-r', '-z', '--full-tree', '--end-of-options', commit, '--', ...paths]);
  const wanted = new Set(paths);
  const entries = parseLsTree(listed.stdout).filter((e) => e.type === 'blob' && e.mode !== '120000' && wanted.has(e.path));
  if (entries.length === 0) return files;
  const contents = new Map<string, Buffer>();
  const parser = new CatFileParser((response) => {
    if (response.kind === 'object') contents.set(response.oid, Buffer.from(response.content));
  });
  const read = await runGit(gitDir, ['cat-file', '--batch'], { input: `${[...new Set(entries.map((e) => e.oid))].join('\n')}\n` });
  parser.push(read.stdout);
  for (const e of entries) {
    const content = contents.get(e.oid);
    if (content === undefined) throw new MageosError('ERR_GIT_OBJECT_MISSING', `blob ${e.oid} (${e.path} of ${commit}) not found in ${gitDir}`);
    files.set(e.path, { mode: e.mode, oid: e.oid, content });
  }
  return files;
}

/**
 * The tree of `commit` with some files' content replaced, written to the object database. It is built in a
 * scratch index in a temporary directory (GIT_INDEX_FILE): the repository's index, working tree and HEAD are
 * never read or written.
 */
export async function writeTreeWithFiles(gitDir: string, commit: string, files: NewContent[]): Promise<string> {
  const scratch = await mkdtemp(join(tmpdir(), 'mageos-tree-'));
  try {
    const env = { GIT_INDEX_FILE: join(scratch, 'index') };
    await runGit(gitDir, [...SCRATCH_INDEX, 'read-tree', '--end-of-options', commit], { env });
    if (files.length > 0) {
      // One hash-object for every file, fed by paths: the contents go through temporary files, as is, without filters.
      const blobs = await Promise.all(files.map(async (f, i) => {
        const path = join(scratch, `blob-${i}`);
        await writeFile(path, f.content);
        return path;
      }));
      const hashed = await runGit(gitDir, ['hash-object', '-w', '--no-filters', '--stdin-paths'], { input: `${blobs.join('\n')}\n` });
      const oids = hashed.stdout.toString('utf8').trim().split('\n');
      const info = files.map((f, i) => `${f.mode} ${oids[i]}\t${f.path}\0`).join('');
      await runGit(gitDir, [...SCRATCH_INDEX, 'update-index', '-z', '--index-info'], { env, input: info });
    }
    const tree = await runGit(gitDir, [...SCRATCH_INDEX, 'write-tree'], { env });
    return tree.stdout.toString('utf8').trim();
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
