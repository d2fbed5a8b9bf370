import type { ReleaseTree } from '../../core/plan/release-tree.js';
import type { TreeFile } from '../../core/plan/types.js';
import type { BlobReader } from './blob-reader.js';
import { parseTreeObject, type TreeObjectEntry } from './tree-object.js';

interface TreeNode {
  entries: TreeObjectEntry[];
  children: Map<string, TreeNode>;
  composerJsons?: Map<string, string>;
  hasFiles?: boolean;
}

/** Tree entries kept across releases before the cache starts over; one release's trees always stay whole. */
const DEFAULT_BUDGET = 300_000;

function join(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
}

/**
 * Reads the trees of a repository through its cat-file reader, each tree object once per build: the
 * subdirectories a release shares with an earlier one (same object id) are not read again.
 */
export class TreeCache {
  private nodes = new Map<string, Promise<TreeNode>>();
  private held = 0;

  constructor(
    private readonly objects: BlobReader,
    private readonly budget = DEFAULT_BUDGET,
  ) {}

  async releaseTree(treeOid: string): Promise<ReleaseTree> {
    const root = await this.load(treeOid.toLowerCase());
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
        return node === undefined ? [] : filesOf(node);
      },
    };
  }

  private load(oid: string): Promise<TreeNode> {
    let node = this.nodes.get(oid);
    if (node === undefined) {
      node = this.read(oid);
      this.nodes.set(oid, node);
    }
    return node;
  }

  private async read(oid: string): Promise<TreeNode> {
    const entries = parseTreeObject(await this.objects.readTree(oid), oid.length / 2);
    this.hold(entries.length);
    const subtrees = entries.filter((e) => e.type === 'tree');
    const loaded = await Promise.all(subtrees.map((e) => this.load(e.oid)));
    return { entries, children: new Map(subtrees.map((e, i) => [e.name, loaded[i] as TreeNode])) };
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

  // Past the budget the cache starts over: trees in use stay reachable from their release, the rest is freed.
  private hold(count: number): void {
    this.held += count;
    if (this.held > this.budget) {
      this.nodes = new Map();
      this.held = 0;
    }
  }
}

/** Every file below a tree, paths relative to it, in git's order (listed anew each time: the lists are not kept). */
function filesOf(node: TreeNode): TreeFile[] {
  const files: TreeFile[] = [];
  const walk = (n: TreeNode, dir: string) => {
    for (const e of n.entries) {
      const path = join(dir, e.name);
      if (e.type !== 'tree') files.push({ path, mode: e.mode, type: e.type, oid: e.oid });
      else walk(n.children.get(e.name) as TreeNode, path);
    }
  };
  walk(node, '');
  return files;
}

function hasFiles(node: TreeNode): boolean {
  node.hasFiles ??= node.entries.some((e) => e.type !== 'tree') || [...node.children.values()].some(hasFiles);
  return node.hasFiles;
}
