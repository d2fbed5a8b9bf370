import { MageosError } from '../../core/errors.js';
import { gitFailure, runGit } from './git-command.js';

export interface RefInfo {
  /** Full name, e.g. refs/tags/1.0.0. */
  ref: string;
  /** Short name, e.g. 1.0.0. */
  name: string;
  commit: string;
  tree: string;
  /** Committer time, unix seconds. */
  time: number;
}

/** A ref that does not lead to a commit (a tag of a tree or a blob): nothing to build, but worth saying. */
export interface UnusableRef {
  name: string;
  /** Why it is no release, e.g. "points to a tree, not a commit". */
  reason: string;
}

export interface RefList {
  refs: RefInfo[];
  unusable: UnusableRef[];
}

export interface ResolvedRef {
  commit: string;
  tree: string;
  time: number;
}

const FIELDS = [
  'refname',
  'objecttype',
  'objectname',
  'tree',
  'committerdate:unix',
  '*objecttype',
  '*objectname',
  '*tree',
  '*committerdate:unix',
];
const FORMAT = FIELDS.map((field) => `%(${field})`).join('%00');

export function listTags(gitDir: string): Promise<RefList> {
  return listRefs(gitDir, 'refs/tags/');
}

/** Branches under refs/heads; in a cache clone these mirror the remote's branches. */
export function listBranches(gitDir: string): Promise<RefList> {
  return listRefs(gitDir, 'refs/heads/');
}

export async function resolveRef(gitDir: string, ref: string): Promise<ResolvedRef> {
  const notFound = (): MageosError =>
    new MageosError('ERR_GIT_REF_NOT_FOUND', `ref "${ref}" not found in ${gitDir}`, {
      hint: 'Check the tag or branch name, or fetch the source again (run without --offline).',
    });
  if (ref === '' || /[\0\n]/.test(ref)) throw notFound();
  const args = ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`];
  const parsed = await runGit(gitDir, args, { allowFailure: true });
  // --quiet makes an unknown ref exit 1; other codes are real failures such as a missing repository.
  if (parsed.code === 1) throw notFound();
  if (parsed.code !== 0) throw gitFailure(gitDir, args, parsed);
  const commit = parsed.stdout.toString('utf8').trim();
  const object = await runGit(gitDir, ['cat-file', 'commit', commit]);
  return { commit, ...parseCommitHeader(object.stdout, commit) };
}

function parseCommitHeader(raw: Buffer, commit: string): { tree: string; time: number } {
  const headerEnd = raw.indexOf('\n\n');
  const lines = raw.toString('utf8', 0, headerEnd === -1 ? raw.length : headerEnd).split('\n');
  const tree = lines.find((line) => line.startsWith('tree '))?.slice(5);
  const committer = lines.find((line) => line.startsWith('committer '))?.split(' ');
  const time = Number(committer?.at(-2));
  if (tree === undefined || !Number.isSafeInteger(time)) {
    throw new MageosError('ERR_GIT', `commit ${commit} has no readable tree or committer line`);
  }
  return { tree, time };
}

async function listRefs(gitDir: string, prefix: string): Promise<RefList> {
  const { stdout } = await runGit(gitDir, ['for-each-ref', `--format=${FORMAT}`, prefix]);
  const refs: RefInfo[] = [];
  const unusable: UnusableRef[] = [];
  for (const line of stdout.toString('utf8').split('\n')) {
    if (line === '') continue;
    const [ref = '', type, oid = '', tree = '', time, peeledType, peeledOid = '', peeledTree = '', peeledTime] =
      line.split('\0');
    const name = ref.slice(prefix.length);
    if (type === 'commit') {
      refs.push({ ref, name, commit: oid, tree, time: Number(time) });
    } else if (type === 'tag' && peeledType === 'commit') {
      refs.push({ ref, name, commit: peeledOid, tree: peeledTree, time: Number(peeledTime) });
    } else if (type === 'tag' && peeledType === 'tag') {
      // A tag of a tag: older git peels only one level here, so resolve it fully.
      const resolved = await resolveRef(gitDir, ref).catch(skipNotFound);
      if (resolved !== null) refs.push({ ref, name, ...resolved });
      else unusable.push({ name, reason: 'a tag of a tag that leads to no commit' });
    } else {
      const target = type === 'tag' ? peeledType : type;
      unusable.push({ name, reason: target ? `points to a ${target}, not a commit` : 'points to an object git cannot read' });
    }
  }
  return { refs: refs.sort((a, b) => compareBytes(a.name, b.name)), unusable };
}

function skipNotFound(error: unknown): null {
  if (error instanceof MageosError && error.code === 'ERR_GIT_REF_NOT_FOUND') return null;
  throw error;
}

/** Byte-wise order of the UTF-8 names, as git sorts them with LC_ALL=C. */
function compareBytes(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
