import { MageosError } from '../../core/errors.js';
import { gitFailure, runGit } from './git-command.js';
import { resolveRef } from './refs.js';

/** What a local ref points at: a commit and its tree, or `null` for both when it leads to no commit. */
export interface ExistingRef {
  commit: string | null;
  tree: string | null;
}

/** True when git accepts `name` as a branch or tag name (`git check-ref-format`). */
export async function isValidRefName(name: string): Promise<boolean> {
  const result = await runGit(null, ['check-ref-format', `refs/heads/${name}`], { allowFailure: true });
  return result.code === 0;
}

/** The commit and tree a full ref (refs/heads/x, refs/tags/y) leads to, or null when there is no such ref. */
export async function readExistingRef(gitDir: string, ref: string): Promise<ExistingRef | null> {
  const args = ['rev-parse', '--verify', '--quiet', '--end-of-options', ref];
  const found = await runGit(gitDir, args, { allowFailure: true });
  if (found.code === 1) return null;
  if (found.code !== 0) throw gitFailure(gitDir, args, found);
  try {
    const { commit, tree } = await resolveRef(gitDir, ref);
    return { commit, tree };
  } catch (error) {
    if (error instanceof MageosError && error.code === 'ERR_GIT_REF_NOT_FOUND') return { commit: null, tree: null };
    throw error;
  }
}

/** Writes a commit object of `tree` with one parent; author and committer are the repository's configured identity. */
export async function writeCommit(gitDir: string, tree: string, parent: string, message: string): Promise<string> {
  const result = await runGit(gitDir, ['commit-tree', tree, '-p', parent, '-F', '-'], { input: message }).catch(identityHint);
  return result.stdout.toString('utf8').trim();
}

/** Writes an annotated tag object of `commit` named `name`, signed by nobody, tagged by the configured identity. */
export async function writeTagObject(gitDir: string, name: string, commit: string, message: string): Promise<string> {
  const ident = await runGit(gitDir, ['var', 'GIT_COMMITTER_IDENT']).catch(identityHint);
  const text = `object ${commit}\ntype commit\ntag ${name}\ntagger ${ident.stdout.toString('utf8').trim()}\n\n${message}`;
  const result = await runGit(gitDir, ['mktag'], { input: text });
  return result.stdout.toString('utf8').trim();
}

/** Creates the refs in one transaction: all of them or, when any already exists, none. Never moves a ref. */
export async function createRefs(gitDir: string, refs: Array<{ ref: string; oid: string }>): Promise<void> {
  if (refs.length === 0) return;
  const input = refs.map((r) => `create ${r.ref} ${r.oid}\n`).join('');
  await runGit(gitDir, ['update-ref', '--stdin'], { input });
}

function identityHint(error: unknown): never {
  if (error instanceof MageosError && /identity|user\.name|user\.email|tell me who you are/i.test(JSON.stringify(error.details ?? ''))) {
    throw new MageosError('ERR_GIT', `${error.message} (the commit and tag need an author)`, {
      hint: 'Set an identity in that repository: git config user.name "..." and git config user.email "...".',
      cause: error,
      details: error.details,
    });
  }
  throw error;
}
