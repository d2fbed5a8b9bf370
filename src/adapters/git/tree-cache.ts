import { MageosError } from '../../core/errors.js';
import type { ReleaseTree } from '../../core/plan/release-tree.js';
import type { TreeFile } from '../../core/plan/types.js';
import type { BlobReader } from './blob-reader.js';
import { parseTreeObject, type TreeObjectEntry } from './tree-object.js';

interface TreeNode {
  oid: string;
  entries: TreeObjectEntry[];
  children: Map<string, TreeNode>;
  composerJsons?: Map<string, string>;
  hasFiles?: boolean;
  /** The files below this tree by where it is in the directory listed (its path there): kept as long as the tree is. */
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

/**
 * Reads the trees of a repository through its cat-file reader: the subdirectories a release shares with a
 * recent one (same object id) are not read again. The trees that neither the last release asked for nor those read
 * ahead reach are let go whenever the cache has grown by a tenth, so memory holds about one release's trees and what
 * the next ones change, however many releases there are.
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

  async releaseTree(treeOid: string): Promise<ReleaseTree> {
    const oid = treeOid.toLowerCase();
    this.current = oid;
    this.ahead = this.ahead.filter((r) => r !== oid);
    const root = await this.load(oid);
    // When a release's trees are all there and the cache has grown: those only releases before it reach are let go.
    if (this.current === oid && this.nodes.size > this.keptAtSweep * (1 + this.sweepGrowth)) this.sweep();
    const find = (dir: string): TreeNode | undefined => {
      let node: TreeNode | undefined = root;
      for (const name of dir === '' ? [] : dir.split('/')) node = node?.children.get(name);
      return node;
    };
    return {
      composerJsonDirs: () => this.composerJsons(root),
      subdirectories: (dir) => {
        const node = find(dir);
        if (node === undefined) return [];
        return [...node.children].filter(([, child]) => hasFiles(child)).map(([name]) => name).sort();
      },
      filesUnder: (dir) => {
        const node = find(dir);
        return node === undefined ? [] : filesOf(node, dir, '');
      },
      directoryId: (dir) => find(dir)?.oid,
    };
  }

  /** Starts reading a tree a coming release will ask for, so its reads overlap the planning of this one. */
  prefetch(treeOid: string): void {
    const oid = treeOid.toLowerCase();
    if (oid !== this.current && !this.ahead.includes(oid)) this.ahead = [...this.ahead, oid].slice(-MAX_AHEAD);
    // A failure is reported where the release asks for its tree.
    this.load(oid).catch(() => undefined);
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
    const subtrees = entries.filter((e) => e.type === 'tree');
    const loaded = await Promise.all(subtrees.map((e) => this.load(e.oid)));
    return { oid, entries, children: new Map(subtrees.map((e, i) => [e.name, loaded[i] as TreeNode])) };
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
function filesOf(node: TreeNode, at: string, prefix: string): TreeFile[] {
  node.files ??= new Map();
  let files = node.files.get(prefix);
  if (files !== undefined) return files;
  files = [];
  for (const e of node.entries) {
    const path = join(prefix, e.name);
    if (e.nameProblem !== undefined) {
      throw new MageosError('ERR_ARCHIVE_ENTRY_INVALID', `${join(at, path)} ${e.nameProblem}`, {
        hint: 'Rename the file in the source repository, or skip the tag (tags.skip); --keep-going builds the other releases.',
      });
    }
    if (e.type !== 'tree') files.push({ path, mode: e.mode, type: e.type, oid: e.oid });
    else for (const f of filesOf(node.children.get(e.name) as TreeNode, at, path)) files.push(f);
  }
  node.files.set(prefix, files);
  return files;
}

function hasFiles(node: TreeNode): boolean {
  node.hasFiles ??= node.entries.some((e) => e.type !== 'tree') || [...node.children.values()].some(hasFiles);
  return node.hasFiles;
}
