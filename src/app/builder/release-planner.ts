import { createHash } from 'node:crypto';
import type { Config, Fix } from '../../core/config/schema.js';
import { MageosError } from '../../core/errors.js';
import { ARCHIVE_GENERATOR_REVISION } from '../../core/plan/content-key.js';
import { discoverPackages, discoveryReads } from '../../core/plan/package-discovery.js';
import { fileReads, planRelease, type ReleaseInput, type ReleasePlan } from '../../core/plan/plan-release.js';
import { compareBytewise, type IgnoredTag, selectReleaseTags } from '../../core/plan/release-refs.js';
import type { ReleaseRef } from '../../core/plan/types.js';
import { type ComposerJsonFiles, referencedFiles } from './composer-json-files.js';
import type { SourceSession } from './source-session.js';

const DEFAULT_RULES: NonNullable<Config['sources'][number]['packages']> = [{ type: 'auto' }];

/** A hash of everything besides the tree that decides what a release plans to; a change replans every tag. */
export function rulesHash(session: SourceSession, config: Config, externalFiles: string[] = []): string {
  const { packages, fixes } = session.config;
  const relevant = {
    packages: packages ?? DEFAULT_RULES,
    fixes: fixes ?? [],
    format: config.format,
    symlinks: config.symlinks,
    submodules: config.submodules,
    revision: ARCHIVE_GENERATOR_REVISION,
    ...(externalFiles.length > 0 ? { externalFiles, baseUrl: config.baseUrl } : {}),
  };
  return createHash('sha256').update(JSON.stringify(relevant)).digest('hex');
}

function wrap(error: unknown, what: string): MageosError {
  if (error instanceof MageosError) return new MageosError(error.code, `${what}: ${error.message}`, { hint: error.hint, cause: error });
  return new MageosError('ERR_SOURCE', `${what}: ${(error as Error).message}`, { cause: error });
}

/** The releases of a source in build order: selected tags, then extra refs, sorted by name byte-wise. */
export async function loadReleases(session: SourceSession): Promise<{ releases: ReleaseRef[]; ignored: IgnoredTag[] }> {
  // A source with no package rules only provides files to other sources' rules and fixes.
  if (session.config.packages?.length === 0) return { releases: [], ignored: [] };
  // A branch source's releases are its nights (app/nightly); its tags only give the base versions.
  if (session.config.branch !== undefined) return { releases: [], ignored: [] };
  const { refs, unusable } = await session.tags();
  const selected = selectReleaseTags(refs, session.config.tags);
  for (const u of unusable) selected.ignored.push({ tag: u.name, reason: u.reason });
  selected.ignored.sort((a, b) => compareBytewise(a.tag, b.tag));
  const releases: ReleaseRef[] = selected.releases.map((t) => ({
    source: session.name,
    tag: t.name,
    ref: t.ref,
    version: t.version,
    commit: t.commit,
    tree: t.tree,
    time: t.time,
  }));
  for (const extra of session.config.extraRefs ?? []) {
    let resolved;
    try {
      resolved = await session.resolve(extra.ref);
    } catch (error) {
      throw wrap(error, `extra ref "${extra.ref}" of source "${session.name}"`);
    }
    releases.push({ source: session.name, tag: extra.version, ref: extra.ref, version: extra.version, ...resolved });
  }
  releases.sort((a, b) => compareBytewise(a.tag, b.tag));
  return { releases, ignored: selected.ignored };
}

/** Reads one release's tree and composer.json files and plans its artifacts. */
export async function planReleaseOf(
  session: SourceSession,
  release: ReleaseRef,
  config: Config,
  usedFixes: Set<Fix>,
  external: ComposerJsonFiles,
  availableVersions?: (name: string) => Iterable<string>,
): Promise<ReleasePlan> {
  const what = `tag ${release.tag} of source "${session.name}"`;
  try {
    // The tree is read as planning asks: what finding the packages needs, then the files of those to plan.
    const tree = await session.releaseTree(release.tree);
    const rules = session.config.packages ?? DEFAULT_RULES;
    await Promise.all(discoveryReads(rules).map((read) => tree.read(read)));
    const discovered = discoverPackages(tree, rules);
    const root = tree.composerJsonAt('');
    const composerJsonText = await session.readTexts([...discovered.candidates.map((c) => c.composerJsonOid), ...(root ? [root] : [])]);
    const externalComposerJson = referencedFiles(rules).length > 0 ? await external.prefetch(session, release.version) : undefined;
    const fixes = session.config.fixes ?? [];
    const refTrees = new Map<string, Awaited<ReturnType<SourceSession['filesAt']>>>();
    for (const fix of fixes) {
      if (fix.action !== 'replace-files') continue;
      const ref = fix.fromRef ?? 'HEAD';
      const key = `${fix.fromSource ?? ''}\0${ref}`;
      if (!refTrees.has(key)) refTrees.set(key, await (fix.fromSource === undefined ? session : external.source(fix.fromSource, session.name)).filesAt(ref));
    }
    const prior = session.priorPlans;
    const input: ReleaseInput = {
      release,
      tree,
      candidates: discovered.candidates,
      composerJsonText,
      fixes,
      usedFixes,
      config,
      fileAt: (ref, path, source) => refTrees.get(`${source ?? ''}\0${ref}`)?.get(path),
      baseUrl: config.baseUrl,
      rules,
      rootComposerJson: root ? composerJsonText(root) : null,
      remembered: session.rememberedPlans,
      ...(prior ? { prior } : {}),
      ...(availableVersions ? { availableVersions } : {}),
      ...(externalComposerJson ? { externalComposerJson } : {}),
    };
    await Promise.all(fileReads(input, discovered.candidates).map((read) => tree.read(read)));
    const plan = planRelease(input);
    for (const problem of discovered.problems) {
      plan.errors.push(new MageosError('ERR_PACKAGE_INVALID', `${problem.path} at ${release.tag} of source "${session.name}": ${problem.message}`));
    }
    if (plan.artifacts.length === 0 && plan.errors.length === 0 && (plan.skipped ?? []).length === 0) {
      plan.warnings.push({ source: session.name, tag: release.tag, message: 'no package: the package rules found no composer.json in this release' });
    }
    return plan;
  } catch (error) {
    return { artifacts: [], warnings: [], errors: [wrap(error, `cannot read ${what}`)] };
  }
}
