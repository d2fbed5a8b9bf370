import { OutputDirectory } from '../../adapters/fs/output-directory.js';
import { createRefs, isValidRefName, readExistingRef, writeCommit, writeTagObject } from '../../adapters/git/branch-and-tag.js';
import { openSourceRepository } from '../../adapters/git/source-repository.js';
import { readCommitFiles, writeTreeWithFiles } from '../../adapters/git/tree-with-files.js';
import type { Config, Source } from '../../core/config/schema.js';
import type { DistributionRelease } from '../../core/distribution/distribution-release.js';
import { ownComposerJsonProblem, releaseFiles } from '../../core/distribution/release-files.js';
import { MageosError } from '../../core/errors.js';
import type { PublishedArtifact } from '../../core/state/build-state.js';
import { sourceName } from '../builder/source-session.js';

export interface TagSourcesOptions {
  /** The repository the release was built into. */
  outDir: string;
  config: Config;
  /** The release version, e.g. 1.2.0. */
  version: string;
}

export type SourceTagResult =
  | {
      name: string;
      /** "written": the branch and tag were made now (or the one missing of the two); "up-to-date": both were there with the same tree. */
      status: 'written' | 'up-to-date';
      repository: string;
      branch: string;
      tag: string;
      commit: string;
      /** The composer.json files whose content the release changed, sorted. */
      files: string[];
      /** Packages of the release from this source whose composer.json is not a file of the source, and why. */
      notWritten: Array<{ package: string; reason: string }>;
    }
  | { name: string; status: 'skipped'; reason: string };

export interface TagSourcesReport {
  vendor: string;
  version: string;
  branch: string;
  tag: string;
  sources: SourceTagResult[];
}

/** The branch the current Mage-OS generator writes a release's composer.json files to (kept for those who look for it). */
export function releaseBranchName(vendor: string, version: string): string {
  return `prep-release/${vendor}-${version}`;
}

/** The tag: vendor first, so it never reads as one of the source's own version tags (a mirror build would take those as releases). */
export function releaseTagName(vendor: string, version: string): string {
  return `${vendor}-${version}`;
}

interface Planned {
  result: Extract<SourceTagResult, { status: 'written' | 'up-to-date' }>;
  gitDir: string;
  refs: Array<{ ref: string; oid: string }>;
}

/**
 * Writes a built release's composer.json files back into each local source repository: a commit on top of the
 * release's commit of that source, on a new branch and under a new annotated tag. Nothing is pushed, moved or
 * forced, and the user's working tree, index and HEAD are not touched. Every source is checked before any ref
 * is made, so a conflict in one leaves all of them as they were.
 */
export async function tagSources(options: TagSourcesOptions): Promise<TagSourcesReport> {
  const { config, version } = options;
  const vendor = config.distribution?.vendor;
  if (vendor === undefined) throw new MageosError('ERR_USAGE', '--tag-sources needs a distribution: the config has no "distribution"', { hint: 'See docs/distribution.md.' });
  const branch = releaseBranchName(vendor, version);
  const tag = releaseTagName(vendor, version);
  if (!(await isValidRefName(branch)) || !(await isValidRefName(tag))) {
    throw new MageosError('ERR_USAGE', `release version "${version}" cannot be part of a git branch or tag name (${branch}, ${tag})`, { hint: 'Use a release version such as 1.2.0.' });
  }
  const out = await OutputDirectory.open(options.outDir, config.format, true);
  const release = out.state.distribution?.find((r) => r.version === version);
  if (release === undefined) {
    const built = (out.state.distribution ?? []).map((r) => r.version).join(', ') || 'none';
    throw new MageosError('ERR_USAGE', `${options.outDir} holds no release ${version} of the distribution (releases: ${built})`, {
      hint: `Build it first: mageos-repo release ${version} --out ${options.outDir} ...`,
    });
  }
  const artifacts = Object.values(out.state.artifacts);
  const sources: SourceTagResult[] = [];
  const planned: Planned[] = [];
  for (const at of release.sources) {
    const source = config.sources.find((s) => sourceName(s) === at.name);
    const skipped = skipReason(source);
    if (skipped !== null) {
      sources.push({ name: at.name, status: 'skipped', reason: skipped });
      continue;
    }
    const plan = await planSource((source as Source).path as string, at.name, release, artifacts, { vendor, branch, tag });
    if (plan === null) sources.push({ name: at.name, status: 'skipped', reason: 'no package of the release has its own composer.json in this source: nothing to write' });
    else {
      sources.push(plan.result);
      planned.push(plan);
    }
  }
  const shared = planned.find((p, i) => planned.findIndex((q) => q.gitDir === p.gitDir) !== i);
  if (shared !== undefined) {
    const names = planned.filter((p) => p.gitDir === shared.gitDir).map((p) => `"${p.result.name}"`).join(' and ');
    throw new MageosError('ERR_USAGE', `sources ${names} are the same repository (${shared.result.repository}): one ${branch} and one ${tag} cannot hold both; nothing was written`, {
      hint: 'Write the release back from a config that reads that repository once (one source with all its package rules).',
    });
  }
  for (const p of planned) await createRefs(p.gitDir, p.refs);
  return { vendor, version, branch, tag, sources };
}

function skipReason(source: Source | undefined): string | null {
  if (source === undefined) return 'the config has no source of this name any more';
  if (source.path === undefined) return 'a url source is read from a cache clone, which is not your repository: clone it and give its "path" to write the branch and tag there';
  return null;
}

async function planSource(
  path: string,
  name: string,
  release: DistributionRelease,
  artifacts: PublishedArtifact[],
  names: { vendor: string; branch: string; tag: string },
): Promise<Planned | null> {
  const at = release.sources.find((s) => s.name === name) as DistributionRelease['sources'][number];
  // A path source is read in place: no cache clone is involved.
  const { gitDir } = await openSourceRepository({ path }, { cacheDir: '', offline: true });
  const commit = await readExistingRef(gitDir, at.commit);
  if (commit?.tree !== at.tree) {
    throw new MageosError('ERR_GIT_OBJECT_MISSING', `source "${name}" (${path}) no longer has commit ${at.commit}, which release ${release.version} was built from (${at.ref})`, {
      hint: 'Fetch or restore that commit in the repository, then run again.',
    });
  }
  const wanted = releaseFiles(artifacts, release, name);
  const originals = await readCommitFiles(gitDir, at.commit, wanted.map((f) => f.path));
  const notWritten: Array<{ package: string; reason: string }> = [];
  const changes: Array<{ path: string; mode: string; content: Buffer }> = [];
  for (const file of wanted) {
    const original = originals.get(file.path);
    const problem = ownComposerJsonProblem(file, original?.content.toString('utf8'));
    if (problem !== null || original === undefined) notWritten.push({ package: file.package, reason: problem ?? '' });
    else if (!original.content.equals(Buffer.from(file.text))) changes.push({ path: file.path, mode: original.mode, content: Buffer.from(file.text) });
  }
  if (wanted.length === notWritten.length) return null;
  const tree = await writeTreeWithFiles(gitDir, at.commit, changes);
  const branchRef = `refs/heads/${names.branch}`;
  const tagRef = `refs/tags/${names.tag}`;
  const branch = await readExistingRef(gitDir, branchRef);
  const tag = await readExistingRef(gitDir, tagRef);
  for (const [ref, existing, kind] of [[names.branch, branch, 'branch'], [names.tag, tag, 'tag']] as const) {
    if (existing !== null && existing.tree !== tree) throw conflict(name, path, kind, ref, names);
  }
  const refs: Planned['refs'] = [];
  let head = branch?.commit ?? tag?.commit ?? null;
  if (head === null) {
    const message = `${names.vendor} ${release.version}: composer.json files as released\n\nWritten by mageos-repo release --tag-sources on top of ${at.ref} (${at.commit}).\n`;
    head = await writeCommit(gitDir, tree, at.commit, message);
  }
  if (branch === null) refs.push({ ref: branchRef, oid: head });
  if (tag === null) refs.push({ ref: tagRef, oid: await writeTagObject(gitDir, names.tag, head, `${names.vendor} ${release.version}\n`) });
  const files = changes.map((c) => c.path);
  const result = { name, status: refs.length > 0 ? 'written' : 'up-to-date', repository: path, branch: names.branch, tag: names.tag, commit: head, files, notWritten } as const;
  return { result, gitDir, refs };
}

function conflict(source: string, path: string, kind: 'branch' | 'tag', ref: string, names: { branch: string; tag: string }): MageosError {
  const remove = kind === 'branch' ? `git -C ${path} branch -D ${ref}` : `git -C ${path} tag -d ${ref}`;
  return new MageosError('ERR_DRIFT', `source "${source}" (${path}): ${kind} ${ref} already exists with other content than this release's composer.json files; nothing was written to any source`, {
    hint: `Look at it (git -C ${path} log -1 --stat ${ref}). If it can go, delete it (${remove}; the release writes ${names.branch} and ${names.tag}) and run again; it is never moved or forced.`,
  });
}
