import { MageosError } from '../../core/errors.js';
import type { LeftOutDirectories, ReleaseTree, TreeRead } from '../../core/plan/release-tree.js';
import type { TreeFile } from '../../core/plan/types.js';
import type { BlobReader } from './blob-reader.js';
import { parseTreeObject, type TreeObjectEntry } from './tree-object.js';

interface TreeNode {
  oid: string;
  entries: TreeObjectEntry[];
  /** The subdirectories read so far, by name: all of them once the node is whole. */
  children: Map<string, TreeNode>;
  /** Every tree below this one has been read. */
  whole: boolean;
  composerJsons?: Map<string, string>;
  hasFiles?: boolean;
  /** The files below this tree by where it is in the directory listed (its path there) and what the listing leaves out: kept as long as the tree is. */
  files?: Map<string, TreeFile[]>;
}

/** Releases read ahead whose trees stay in the cache until they are asked for. */
const MAX_AHEAD = 4;
/**
 * Trees let go once the cache holds this share more than it kept at the last sweep: a sweep walks every tree the
 * kept releases reach (10 ms a release at history scale, 0.6 s of 8 s planning when done at every release), and
 * most releases change little. Planning a synthetic Magento history of 63 releases peaked at 276-280 MiB with 0,
 * 287-289 MiB with 0.1 and 0.2, 314-333 MiB with 0.5.
 */
const DEFAULT_SWEEP_GROWTH = 0.1;

/** A tree being read, and once read, the tree. */
interface Loading {
  promise: Promise<TreeNode>;
  node?: TreeNode;
}

function join(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
}

function notRead(dir: string): MageosError {
  return new MageosError('ERR_INTERNAL', `the tree at "${dir}" was asked about before it was read`);
}

/** The subdirectory `name` of a node, if it is read; a subdirectory there but not read yet is a programming error. */
function childOf(node: TreeNode, name: string, at: string): TreeNode | undefined {
  const child = node.children.get(name);
  if (child !== undefined || node.whole) return child;
  if (node.entries.some((e) => e.type === 'tree' && e.name === name)) throw notRead(at);
  return undefined;
}

/**
 * Reads the trees of a repository through its cat-file reader: the subdirectories a release shares with a
 * recent one (same object id) are not read again. The trees that neither the last release asked for nor those read
 * ahead reach are let go whenever the cache has grown by a tenth, so memory holds about one release's trees and what
 * the next ones change, however many releases there are.
 *
 * A release's tree is read whole, or as planning asks (`read`): then the subdirectories planning does not need
 * (packages planned at an earlier release, directories an archive leaves out) are never read.
 */
export class TreeCache {
  private nodes = new Map<string, Loading>();
  /** The root tree of the release asked for last. */
  private current: string | null = null;
  /** Root trees of releases read ahead and not yet asked for, oldest first. */
  private ahead: string[] = [];
  private keptAtSweep = 0;

  constructor(
    private readonly objects: BlobReader,
    private readonly sweepGrowth = DEFAULT_SWEEP_GROWTH,
  ) {}

  /** The tree of a release: read whole now, or ('as-asked') its root now and the rest through `read`. */
  async releaseTree(treeOid: string, reading: 'whole' | 'as-asked' = 'whole'): Promise<ReleaseTree> {
    const oid = treeOid.toLowerCase();
    this.current = oid;
    this.ahead = this.ahead.filter((r) => r !== oid);
    const root = await this.load(oid);
    if (reading === 'whole') await this.readWhole(root);
    // When a release's trees are all there and the cache has grown: those only releases before it reach are let go.
    if (this.current === oid && this.nodes.size > this.keptAtSweep * (1 + this.sweepGrowth)) this.sweep();
    const find = (dir: string): TreeNode | undefined => {
      let node: TreeNode | undefined = root;
      let at = '';
      for (const name of dir === '' ? [] : dir.split('/')) {
        at = join(at, name);
        node = node === undefined ? undefined : childOf(node, name, at);
      }
      return node;
    };
    return {
      composerJsonDirs: () => {
        if (!root.whole) throw notRead('');
        return this.composerJsons(root);
      },
      composerJsonAt: (dir) => find(dir)?.entries.find((e) => e.type === 'blob' && e.name === 'composer.json')?.oid,
      subdirectories: (dir) => {
        const node = find(dir);
        if (node === undefined) return [];
        return node.entries
          .filter((e) => e.type === 'tree' && hasFiles(childOf(node, e.name, join(dir, e.name)) as TreeNode, join(dir, e.name)))
          .map((e) => e.name)
          .sort();
      },
      filesUnder: (dir, leaveOut) => {
        const node = find(dir);
        return node === undefined ? [] : filesOf(node, dir, '', leaveOut);
      },
      directoryId: (dir) => {
        if (dir === '') return root.oid;
        const slash = dir.lastIndexOf('/');
        const name = dir.slice(slash + 1);
        return find(slash < 0 ? '' : dir.slice(0, slash))?.entries.find((e) => e.type === 'tree' && e.name === name)?.oid;
      },
      read: (request) => this.read(root, request),
    };
  }

  /** Starts reading a tree a coming release will ask for, so its reads overlap the planning of this one. */
  prefetch(treeOid: string): void {
    const oid = treeOid.toLowerCase();
    if (oid !== this.current && !this.ahead.includes(oid)) this.ahead = [...this.ahead, oid].slice(-MAX_AHEAD);
    // A failure is reported where the release asks for its tree.
    this.load(oid)
      .then((root) => this.readWhole(root))
      .catch(() => undefined);
  }

  private async read(root: TreeNode, request: TreeRead): Promise<void> {
    let node: TreeNode | undefined = root;
    for (const name of request.dir === '' ? [] : request.dir.split('/')) {
      const entry: TreeObjectEntry | undefined = node.entries.find((e) => e.type === 'tree' && e.name === name);
      // Not there: every question about it has an empty answer.
      if (entry === undefined) return;
      node = await this.child(node, entry);
    }
    if (request.what === 'entries') return;
    if (request.what === 'everything') {
      await (request.leaveOut === undefined ? this.readWhole(node) : this.readExcept(node, '', request.leaveOut));
      return;
    }
    // Whether a subdirectory holds a file: one with none at its top is read whole to find out.
    const parent = node;
    await Promise.all(
      parent.entries.filter((e) => e.type === 'tree').map(async (e) => {
        const child = await this.child(parent, e);
        if (!child.entries.some((c) => c.type !== 'tree')) await this.readWhole(child);
      }),
    );
  }

  private async child(node: TreeNode, entry: TreeObjectEntry): Promise<TreeNode> {
    const known = node.children.get(entry.name);
    if (known !== undefined) return known;
    const child = await this.load(entry.oid);
    node.children.set(entry.name, child);
    return child;
  }

  private async readWhole(node: TreeNode): Promise<void> {
    if (node.whole) return;
    await Promise.all(node.entries.filter((e) => e.type === 'tree').map(async (e) => this.readWhole(await this.child(node, e))));
    node.whole = true;
  }

  /** Reads every tree below `node` (at `at` in the directory asked for) but those `leaveOut` names. */
  private async readExcept(node: TreeNode, at: string, leaveOut: LeftOutDirectories): Promise<void> {
    if (node.whole) return;
    await Promise.all(
      node.entries.map(async (e) => {
        const path = join(at, e.name);
        if (e.type === 'tree' && !leaveOut.test(path)) await this.readExcept(await this.child(node, e), path, leaveOut);
      }),
    );
  }

  private load(oid: string): Promise<TreeNode> {
    const known = this.nodes.get(oid);
    if (known !== undefined) return known.promise;
    const loading: Loading = { promise: this.readNode(oid) };
    this.nodes.set(oid, loading);
    loading.promise.then(
      (node) => (loading.node = node),
      // Not remembered: asked again, the tree is read again (and the error given again).
      () => this.nodes.get(oid) === loading && this.nodes.delete(oid),
    );
    return loading.promise;
  }

  private async readNode(oid: string): Promise<TreeNode> {
    const entries = parseTreeObject(await this.objects.readTree(oid), oid.length / 2);
    return { oid, entries, children: new Map(), whole: !entries.some((e) => e.type === 'tree') };
  }

  /** Keeps the trees the current release and those read ahead reach, and those still being read. */
  private sweep(): void {
    const kept = new Map<string, Loading>();
    for (const [oid, loading] of this.nodes) if (loading.node === undefined) kept.set(oid, loading);
    const visit = (node: TreeNode): void => {
      if (kept.get(node.oid)?.node !== undefined) return;
      kept.set(node.oid, this.nodes.get(node.oid) ?? { promise: Promise.resolve(node), node });
      for (const child of node.children.values()) visit(child);
    };
    for (const root of [this.current, ...this.ahead]) {
      if (root === null) continue;
      const node = this.nodes.get(root)?.node;
      if (node !== undefined) visit(node);
    }
    this.nodes = kept;
    this.keptAtSweep = kept.size;
  }

  private composerJsons(node: TreeNode): Map<string, string> {
    if (node.composerJsons === undefined) {
      const found = new Map<string, string>();
      for (const e of node.entries) {
        if (e.type === 'blob' && e.name === 'composer.json') found.set('', e.oid);
        if (e.type !== 'tree') continue;
        for (const [dir, oid] of this.composerJsons(node.children.get(e.name) as TreeNode)) found.set(dir === '' ? e.name : `${e.name}/${dir}`, oid);
      }
      node.composerJsons = found;
    }
    return node.composerJsons;
  }
}

/**
 * Every file below a tree, in git's order, with paths relative to the directory listed (`at`, for messages), where the
 * tree is at `prefix`. A tree unchanged since a release that listed it gives its list back: listing a release costs
 * what changed in it, plus copying the references of what did not.
 */
function filesOf(node: TreeNode, at: string, prefix: string, leaveOut?: LeftOutDirectories): TreeFile[] {
  node.files ??= new Map();
  const key = leaveOut === undefined ? prefix : `${prefix}\0${leaveOut.key}`;
  let files = node.files.get(key);
  if (files !== undefined) return files;
  files = [];
  for (const e of node.entries) {
    const path = join(prefix, e.name);
    if (e.type === 'tree' && leaveOut?.test(path) === true) continue;
    if (e.nameProblem !== undefined) {
      throw new MageosError('ERR_ARCHIVE_ENTRY_INVALID', `${join(at, path)} ${e.nameProblem}`, {
        hint: 'Rename the file in the source repository, or skip the tag (tags.skip); --keep-going builds the other releases.',
      });
    }
    if (e.type !== 'tree') files.push({ path, mode: e.mode, type: e.type, oid: e.oid });
    else for (const f of filesOf(childOf(node, e.name, join(at, path)) as TreeNode, at, path, leaveOut)) files.push(f);
  }
  node.files.set(key, files);
  return files;
}

/** Whether a tree (at `at`) holds a file, at any depth. */
function hasFiles(node: TreeNode, at: string): boolean {
  node.hasFiles ??=
    node.entries.some((e) => e.type !== 'tree') || node.entries.some((e) => e.type === 'tree' && hasFiles(childOf(node, e.name, join(at, e.name)) as TreeNode, join(at, e.name)));
  return node.hasFiles;
}
