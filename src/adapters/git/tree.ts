import { MageosError } from '../../core/errors.js';
import { gitFailure, runGit } from './git-command.js';

export interface TreeEntry {
  path: string;
  /** '100644' | '100755' | '120000' (symlink) | '160000' (submodule). */
  mode: string;
  type: 'blob' | 'commit';
  oid: string;
}

const SPACE = 0x20;
const TAB = 0x09;
const NUL = 0x00;

/** Every file of a tree, recursively, in git's order. */
export async function listTree(gitDir: string, treeOid: string): Promise<TreeEntry[]> {
  const args = ['ls-tree', '-r', '-z', '--full-tree', '--end-of-options', treeOid];
  const result = await runGit(gitDir, args, { allowFailure: true });
  if (result.code !== 0) {
    if (result.stderr.includes('not a tree object')) {
      throw new MageosError('ERR_GIT_OBJECT_MISSING', `tree ${treeOid} not found in ${gitDir}`, {
        hint: 'The object is missing or is not a tree; fetch the source again.',
      });
    }
    throw gitFailure(gitDir, args, result);
  }
  return parseLsTree(result.stdout);
}

/** Parses `git ls-tree -z` output: `<mode> SP <type> SP <oid> TAB <path> NUL` per entry. */
export function parseLsTree(out: Buffer): TreeEntry[] {
  const entries: TreeEntry[] = [];
  let pos = 0;
  while (pos < out.length) {
    const modeEnd = out.indexOf(SPACE, pos);
    const typeEnd = modeEnd === -1 ? -1 : out.indexOf(SPACE, modeEnd + 1);
    const oidEnd = typeEnd === -1 ? -1 : out.indexOf(TAB, typeEnd + 1);
    const pathEnd = oidEnd === -1 ? -1 : out.indexOf(NUL, oidEnd + 1);
    if (pathEnd === -1) throw new MageosError('ERR_GIT', `unexpected git ls-tree output at byte ${pos}`);
    const type = out.toString('latin1', modeEnd + 1, typeEnd);
    if (type !== 'blob' && type !== 'commit') {
      throw new MageosError('ERR_GIT', `unexpected object type "${type}" in git ls-tree output`);
    }
    entries.push({
      path: out.toString('utf8', oidEnd + 1, pathEnd),
      mode: out.toString('latin1', pos, modeEnd),
      type,
      oid: out.toString('latin1', typeEnd + 1, oidEnd),
    });
    pos = pathEnd + 1;
  }
  return entries;
}
