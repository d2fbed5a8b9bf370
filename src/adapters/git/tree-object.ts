import { isUtf8 } from 'node:buffer';
import { MageosError } from '../../core/errors.js';

/** One entry of a git tree object, its mode written as `git ls-tree` writes it. */
export interface TreeObjectEntry {
  name: string;
  /** '040000' (tree) | '100644' | '100755' | '120000' (symlink) | '160000' (submodule). */
  mode: string;
  type: 'tree' | 'blob' | 'commit';
  oid: string;
  /** Why the name cannot become a path (not UTF-8, or twice in the tree); the name is then shown with escapes. */
  nameProblem?: string;
}

const SPACE = 0x20;
const NUL = 0x00;
const DIGIT_0 = 0x30;

type Kind = Pick<TreeObjectEntry, 'mode' | 'type'>;
const EXECUTABLE: Kind = { mode: '100755', type: 'blob' };
const REGULAR: Kind = { mode: '100644', type: 'blob' };
const SYMLINK: Kind = { mode: '120000', type: 'blob' };
const TREE: Kind = { mode: '040000', type: 'tree' };
const SUBMODULE: Kind = { mode: '160000', type: 'commit' };

// git reads modes through canon_mode(): any regular file is 644 or 755, anything unknown a submodule.
function canonicalMode(mode: number): Kind {
  switch (mode & 0o170000) {
    case 0o100000:
      return mode & 0o100 ? EXECUTABLE : REGULAR;
    case 0o120000:
      return SYMLINK;
    case 0o040000:
      return TREE;
    default:
      return SUBMODULE;
  }
}

/** Parses the content of a tree object: `<octal mode> SP <name> NUL <raw object id>` per entry. */
export function parseTreeObject(data: Buffer, oidBytes: number): TreeObjectEntry[] {
  const entries: TreeObjectEntry[] = [];
  const seen = new Set<string>();
  let pos = 0;
  while (pos < data.length) {
    let mode = 0;
    let at = pos;
    for (; at < data.length && data[at] !== SPACE; at++) mode = mode * 8 + ((data[at] as number) - DIGIT_0);
    const nameEnd = data.indexOf(NUL, at + 1);
    if (at === pos || at >= data.length || nameEnd === -1 || nameEnd + 1 + oidBytes > data.length) {
      throw new MageosError('ERR_GIT', `unreadable tree object at byte ${pos}`);
    }
    const { mode: canonical, type } = canonicalMode(mode);
    const raw = data.subarray(at + 1, nameEnd);
    const utf8 = isUtf8(raw);
    const entry: TreeObjectEntry = { name: utf8 ? raw.toString('utf8') : escapedName(raw), mode: canonical, type, oid: data.toString('hex', nameEnd + 1, nameEnd + 1 + oidBytes) };
    if (!utf8) entry.nameProblem = 'is not valid UTF-8 (shown with \\x escapes)';
    else if (seen.has(entry.name)) entry.nameProblem = 'appears twice in its directory';
    seen.add(entry.name);
    entries.push(entry);
    pos = nameEnd + 1 + oidBytes;
  }
  return entries;
}

/** A name that is not UTF-8, readable: printable ASCII as is, every other byte as \xNN. */
function escapedName(raw: Buffer): string {
  let name = '';
  for (const byte of raw) name += byte >= 0x20 && byte < 0x7f && byte !== 0x5c ? String.fromCharCode(byte) : `\\x${byte.toString(16).padStart(2, '0')}`;
  return name;
}
