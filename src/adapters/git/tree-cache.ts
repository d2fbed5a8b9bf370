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

/** Tree entries read before the cache starts a new generation (two are kept); a release's own trees always stay whole. */
const DEFAULT_GENERATION = 50_000;

function join(dir: string, name: string): string {
  return dir === '' ? name : `${dir}/${name}`;
}

/**
 * Reads the trees of a repository through its cat-file reader: the subdirectories a release shares with a
 * recent one (same object id) are not read again. Trees no recent release used are let go, so memory stays
 * bounded however many releases there are.
 */
export class TreeCache {
  private current = new Map<string, Promise<TreeNode>>();
  private previous = new Map<string, Promise<TreeNode>>();
  private read = 0;

  constructor(
    private readonly objects: BlobReader,
    private readonly generation = DEFAULT_GENERATION,
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
        return node === undefined ? [] : filesOf(node, dir, '');
      },
      directoryId: (dir) => find(dir)?.oid,
    };
  }

  /** Starts reading a tree a coming release will ask for, so its reads overlap the planning of this one. */
  prefetch(treeOid: string): void {
    // A failure is reported where the release asks for its tree.
    this.load(treeOid.toLowerCase()).catch(() => undefined);
  }

  private load(oid: string): Promise<TreeNode> {
    let node = this.current.get(oid);
    if (node === undefined) {
      node = this.previous.get(oid) ?? this.readNode(oid);
      this.current.set(oid, node);
    }
    return node;
  }

  private async readNode(oid: string): Promise<TreeNode> {
    const entries = parseTreeObject(await this.objects.readTree(oid), oid.length / 2);
    this.count(entries.length);
    const subtrees = entries.filter((e) => e.type === 'tree');
    const loaded = await Promise.all(subtrees.map((e) => this.load(e.oid)));
    return { oid, entries, children: new Map(subtrees.map((e, i) => [e.name, loaded[i] as TreeNode])) };
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

  // Trees in use stay reachable from their release; those only the generation before last knew are freed.
  private count(entries: number): void {
    this.read += entries;
    if (this.read > this.generation) {
      this.previous = this.current;
      this.current = new Map();
      this.read = 0;
    }
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
