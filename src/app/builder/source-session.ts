import { basename } from 'node:path';
import type { Source } from '../../core/config/schema.js';
import { forgetSelections } from '../../core/plan/package-files.js';
import { PackagePlanMemo, type PriorPlans } from '../../core/plan/package-plan-memo.js';
import { RecentMap } from '../../core/plan/recent-map.js';
import type { ReleaseTree } from '../../core/plan/release-tree.js';
import type { TreeFile } from '../../core/plan/types.js';
import type { MageosError } from '../../core/errors.js';
import { BlobReader } from '../../adapters/git/blob-reader.js';
import { listTags, type RefList, resolveRef } from '../../adapters/git/refs.js';
import { type OpenSourceOptions, openSourceRepository } from '../../adapters/git/source-repository.js';
import { TreeCache } from '../../adapters/git/tree-cache.js';

export type SourceAccess = OpenSourceOptions;

/** The name a source goes by in reports: its configured name, else the last part of its url or path. */
export function sourceName(source: Source): string {
  if (source.name !== undefined) return source.name;
  const location = (source.url ?? source.path ?? 'source').replace(/\/+$/, '');
  return basename(location).replace(/\.git$/, '') || 'source';
}

/** Characters of composer.json text remembered from the last releases before the memory starts over. */
const MAX_TEXT_CHARS = 16 * 1024 * 1024;

/** One open git source: refs, trees and blobs, each composer.json read once (while memory allows). */
export class SourceSession {
  private readonly texts = new RecentMap<string, string>((text) => text.length, MAX_TEXT_CHARS);
  private readonly refTrees = new Map<string, Promise<Map<string, TreeFile>>>();
  private trees: TreeCache;
  /** Package directories planned at earlier releases of this build. */
  private plans = new PackagePlanMemo();
  /** Package directories planned at the last release an earlier build planned, while planReleases plans. */
  private prior: PriorPlans | undefined;

  private constructor(
    readonly name: string,
    readonly config: Source,
    readonly gitDir: string,
    readonly blobs: BlobReader,
    readonly fetched: boolean,
    /** Why fetching failed, when the source is read from its cache clone as the last fetch left it. */
    readonly fetchError?: MageosError,
  ) {
    this.trees = new TreeCache(blobs);
  }

  static async open(config: Source, access: SourceAccess): Promise<SourceSession> {
    const name = sourceName(config);
    const location = config.url !== undefined ? { url: config.url } : { path: config.path as string };
    const opened = await openSourceRepository(location, access);
    return new SourceSession(name, config, opened.gitDir, await BlobReader.open(opened.gitDir), opened.fetched, opened.fetchError);
  }

  tags(): Promise<RefList> {
    return listTags(this.gitDir);
  }

  resolve(ref: string) {
    return resolveRef(this.gitDir, ref);
  }

  /**
   * The tree of the release to plan next, read as planning asks; subdirectories unchanged since the last releases of
   * this build are not read again. What the release before last was the last to use (plans, composer.json texts) is
   * let go.
   */
  releaseTree(treeOid: string): Promise<ReleaseTree> {
    this.plans.nextRelease();
    this.texts.nextRelease();
    return this.trees.releaseTree(treeOid, 'as-asked');
  }

  /**
   * Lets go of the trees and composer.json texts read for planning, and of what file selections remember (of every
   * source: it is only a memory); the writing that follows needs none of it.
   */
  forgetTrees(): void {
    forgetSelections();
    this.trees = new TreeCache(this.blobs);
    this.plans = new PackagePlanMemo();
    this.refTrees.clear();
    this.texts.clear();
  }

  /** Plans of package directories unchanged since an earlier release of this build. */
  get rememberedPlans(): PackagePlanMemo {
    return this.plans;
  }

  /** Plans of package directories at the last release an earlier build planned; they have no files, so not while writing. */
  get priorPlans(): PriorPlans | undefined {
    return this.prior;
  }

  /** Plans the coming releases with the package directories of an earlier build's last release (planReleases sets it, then clears it). */
  usePriorPlans(prior: PriorPlans | undefined): void {
    this.prior = prior;
  }

  /** Starts reading the tree of a release planned soon. */
  prefetchTree(treeOid: string): void {
    this.trees.prefetch(treeOid);
  }

  /** Reads the given blobs as text (pipelined), remembering them for later releases. */
  async readTexts(oids: Iterable<string>): Promise<(oid: string) => string> {
    const texts = new Map<string, string>();
    const missing: string[] = [];
    for (const oid of new Set(oids)) {
      const known = this.texts.get(oid);
      if (known === undefined) missing.push(oid);
      else texts.set(oid, known);
    }
    const read = await Promise.all(missing.map((oid) => this.blobs.read(oid)));
    missing.forEach((oid, i) => {
      const text = (read[i] as Buffer).toString('utf8');
      texts.set(oid, text);
      this.texts.set(oid, text);
    });
    return (oid) => texts.get(oid) ?? '';
  }

  /** The files of another ref (for replace-files fixes), listed once per build. */
  async filesAt(ref: string): Promise<Map<string, TreeFile>> {
    let files = this.refTrees.get(ref);
    if (files === undefined) {
      files = this.resolve(ref)
        .then((resolved) => this.trees.releaseTree(resolved.tree))
        .then((tree) => new Map(tree.filesUnder('').map((e) => [e.path, e])));
      this.refTrees.set(ref, files);
    }
    return files;
  }

  async close(): Promise<void> {
    await this.blobs.close();
  }
}
