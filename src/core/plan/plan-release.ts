import type { ComposerJsonFile, Config, Fix, PackageRule } from '../config/schema.js';
import { MageosError } from '../errors.js';
import { versionFileNameProblem } from './path-safe-names.js';
import { isValidVersion, normalizeVersion } from '../version/index.js';
import { type ComposerJson, parseComposerJson, serializeComposerJson, withVersion } from './composer-json.js';
import { composerJsonFilePath, deriveReleaseMetapackage, editComposerJson } from './composer-json-rules.js';
import { contentKey } from './content-key.js';
import { packagesMadeTwice, unmetReleaseRequirements } from './release-checks.js';
import { PackageFixes } from './fixes.js';
import { leftOutDirectories, selectPackageFiles } from './package-files.js';
import { type DirectoryPlan, type PackagePlanMemo, planHash, type PriorPlans, type RememberedPlan } from './package-plan-memo.js';
import type { ReleaseTree, TreeRead } from './release-tree.js';
import type { ArtifactFile, PackageCandidate, PackageKind, PlannedArtifact, PlanWarning, ReleaseRef, TreeFile } from './types.js';

export interface ReleaseInput {
  release: ReleaseRef;
  tree: ReleaseTree;
  candidates: readonly PackageCandidate[];
  composerJsonText: (oid: string) => string;
  fixes: readonly Fix[];
  usedFixes: Set<Fix>;
  config: Pick<Config, 'format' | 'symlinks' | 'submodules'>;
  /** A file at another ref of the same source, or of `source`, for replace-files fixes (trees loaded beforehand). */
  fileAt: (ref: string, path: string, source?: string) => TreeFile | undefined;
  /** The repository URL, for "{baseUrl}" in composerJson edits. */
  baseUrl?: string;
  /** The source's package rules, for rules planned after the directories (composer-json). */
  rules?: readonly PackageRule[];
  /** A composer.json file of another source for this release (read beforehand), or null when it has none. */
  externalComposerJson?: (file: ComposerJsonFile, path: string) => string | null;
  /** The text of the release's root composer.json, if any. */
  rootComposerJson?: string | null;
  /** Other versions of a package the repository serves (published, or planned by this build): they may meet a requirement the release does not. */
  availableVersions?: (name: string) => Iterable<string>;
  /** Plans of package directories planned at earlier releases of the same source, reused when nothing differs. */
  remembered?: PackagePlanMemo;
  /** Plans of package directories at the last release an earlier build planned (with `remembered` only). */
  prior?: PriorPlans;
}

export interface ReleasePlan {
  artifacts: PlannedArtifact[];
  warnings: PlanWarning[];
  errors: MageosError[];
  /** Package versions ("vendor/name@version") a skip fix left out. */
  skipped?: string[];
  /** The package directories a later release may take this plan of when they are unchanged (see `DirectoryPlan`), by directory. */
  directories?: Record<string, DirectoryPlan>;
}

const context = (input: ReleaseInput) => ({ baseUrl: input.baseUrl ?? '', version: input.release.version });

function joinPath(dir: string, rel: string): string {
  return dir === '' ? rel : `${dir}/${rel}`;
}

/** Turns the package candidates of one release tree into artifacts: versions, fixes, files and content keys. */
export function planRelease(input: ReleaseInput): ReleasePlan {
  const plan: ReleasePlan = { artifacts: [], warnings: [], errors: [] };
  const fixed = new Set(input.fixes.map((f) => f.package));
  for (const candidate of input.candidates) {
    try {
      const artifact = planPackage(input, candidate, plan, fixed);
      if (artifact !== null) plan.artifacts.push(artifact);
    } catch (error) {
      if (!(error instanceof MageosError)) throw error;
      plan.errors.push(error);
    }
  }
  for (const rule of input.rules ?? []) {
    if (rule.type !== 'composer-json') continue;
    try {
      const artifact = planComposerJsonPackage(input, rule, plan);
      if (artifact !== null) plan.artifacts.push(artifact);
    } catch (error) {
      if (!(error instanceof MageosError)) throw error;
      plan.errors.push(error);
    }
  }
  const twice = packagesMadeTwice(input.release, plan.artifacts);
  plan.errors.push(...twice.errors);
  // Which of the two a requirement meant cannot be said: those packages are checked once one of them is left out.
  if (input.release.pinnedLater !== true) {
    const unmet = unmetReleaseRequirements(input.release, plan.artifacts.filter((a) => !twice.names.has(a.name)), input.availableVersions);
    plan.errors.push(...unmet.errors);
    plan.warnings.push(...unmet.warnings);
  }
  return plan;
}

type ComposerJsonRule = Extract<PackageRule, { type: 'composer-json' }>;

function planComposerJsonPackage(input: ReleaseInput, rule: ComposerJsonRule, plan: ReleasePlan): PlannedArtifact | null {
  const { release } = input;
  const path = composerJsonFilePath(rule.from, release.version);
  const text = input.externalComposerJson?.(rule.from, path) ?? null;
  let json: ComposerJson;
  if (text !== null) {
    json = parseComposerJson(text, { source: rule.from.source, tag: rule.from.ref ?? 'HEAD', path });
  } else if (rule.derive !== undefined) {
    const root = input.rootComposerJson ? (JSON.parse(input.rootComposerJson) as Record<string, unknown>) : null;
    json = rule.derive === 'release-metapackage' ? deriveReleaseMetapackage(rule.name, root, plan.artifacts) : { name: rule.name, type: 'project' };
    json = editComposerJson(json, rule.whenDerived ?? {}, context(input));
    plan.warnings.push({ source: release.source, tag: release.tag, package: rule.name, level: 'info', message: `derived: source "${rule.from.source}" has no ${path}` });
  } else {
    throw new MageosError('ERR_PACKAGE_INVALID', `${rule.name} for ${release.tag} of source "${release.source}": source "${rule.from.source}" has no ${path}`, {
      hint: 'Add the file to that source, set "derive" on the rule, or skip the tag.',
    });
  }
  if (json.name !== rule.name) {
    throw new MageosError('ERR_PACKAGE_INVALID', `${path} of source "${rule.from.source}" is named "${json.name}", but the rule makes ${rule.name}`, {
      hint: 'Correct "name" or "from.path" of the composer-json rule.',
    });
  }
  json = editComposerJson(json, rule, context(input));
  const kind = json.type === 'metapackage' ? 'metapackage' : 'package';
  const noDir: PackageCandidate = { dir: '', kind, composerJsonOid: '', exclude: [], emptyDirs: [] };
  const files = (version: string, fixes: PackageFixes) => (kind === 'package' ? replaceFiles(input, noDir, [], fixes.replacedFiles(version), version) : []);
  return finishArtifact(input, json, { kind, dir: '', files, emptyDirs: [], path }, plan);
}

/** What decides the plan of a package directory, when it may be taken from an earlier release (not for a rule that edits its composer.json). */
function memoKeyOf(input: ReleaseInput, candidate: PackageCandidate): string | undefined {
  if (input.remembered === undefined || candidate.rule !== undefined) return undefined;
  const directoryId = input.tree.directoryId(candidate.dir);
  return directoryId === undefined ? undefined : [candidate.dir, directoryId, candidate.kind, ...candidate.exclude, '', ...candidate.emptyDirs].join('\0');
}

/**
 * The plan of a package directory made at an earlier release of this build, or (without its files) at the last
 * release an earlier build planned; undefined when it must be planned.
 */
function earlierPlan(input: ReleaseInput, memoKey: string, dir: string): RememberedPlan | undefined {
  const known = input.remembered?.get(memoKey);
  // Packages with fixes are never remembered (below), so what is found needs no fix.
  if (known !== undefined && (known.tagVersion === null || known.tagVersion === input.release.version)) return known;
  const prior = input.prior?.get(dir, planHash(memoKey));
  if (prior === undefined) return undefined;
  return { artifact: { ...prior.summary, files: [], emptyDirs: [], composerJson: prior.composerJson, filesNotRead: true }, warnings: [], tagVersion: null };
}

/**
 * What planning these candidates will read of the tree, beyond what finding them read: the files of the packages
 * not planned at an earlier release, without the directories their rule excludes.
 */
export function fileReads(input: ReleaseInput, candidates: readonly PackageCandidate[]): TreeRead[] {
  return candidates.flatMap((candidate): TreeRead[] => {
    if (candidate.kind === 'metapackage') return [];
    const memoKey = memoKeyOf(input, candidate);
    if (memoKey !== undefined && earlierPlan(input, memoKey, candidate.dir) !== undefined) return [];
    const leaveOut = leftOutDirectories(candidate, input.fixes);
    return [leaveOut === undefined ? { dir: candidate.dir, what: 'everything' } : { dir: candidate.dir, what: 'everything', leaveOut }];
  });
}

function planPackage(
  input: ReleaseInput,
  candidate: PackageCandidate,
  plan: ReleasePlan,
  fixed: ReadonlySet<string>,
): PlannedArtifact | null {
  const { warnings } = plan;
  const { release } = input;
  // A directory whose composer.json the rule edits, or whose package has fixes, is planned at every release.
  const memoKey = memoKeyOf(input, candidate);
  const known = memoKey === undefined ? undefined : earlierPlan(input, memoKey, candidate.dir);
  if (memoKey !== undefined && known !== undefined) {
    warnings.push(...known.warnings.map((w) => ({ ...w, tag: release.tag })));
    if (known.tagVersion === null && known.warnings.length === 0) (plan.directories ??= {})[candidate.dir] = { name: known.artifact.name, plan: planHash(memoKey) };
    return { ...known.artifact, source: release.source, tag: release.tag, commit: release.commit, time: release.time };
  }
  const warningsBefore = warnings.length;
  const path = joinPath(candidate.dir, 'composer.json');
  const json = candidateComposerJson(input, candidate, path, warnings);
  const kind = candidate.kind === 'auto' ? (json.type === 'metapackage' ? 'metapackage' : 'package') : candidate.kind;
  const leaveOut = leftOutDirectories(candidate, input.fixes);
  const files = (version: string, fixes: PackageFixes) =>
    kind === 'package' ? packageFiles(input, candidate, input.tree.filesUnder(candidate.dir, leaveOut), version, fixes, `${json.name}@${version}`, warnings) : [];
  const artifact = finishArtifact(input, json, { kind, dir: candidate.dir, files, emptyDirs: kind === 'package' ? candidate.emptyDirs : [], path }, plan);
  if (memoKey !== undefined && artifact !== null && !fixed.has(json.name)) {
    const tagVersion = typeof json.version === 'string' ? null : release.version;
    const own = warnings.slice(warningsBefore);
    input.remembered?.set(memoKey, { artifact, warnings: own, tagVersion });
    if (tagVersion === null && own.length === 0) (plan.directories ??= {})[candidate.dir] = { name: artifact.name, plan: planHash(memoKey) };
  }
  return artifact;
}

/** A directory package's composer.json: its own, or the rule's file from another source, with the rule's edits. */
function candidateComposerJson(input: ReleaseInput, candidate: PackageCandidate, path: string, warnings: PlanWarning[]): ComposerJson {
  const { release } = input;
  const own = () => parseComposerJson(input.composerJsonText(candidate.composerJsonOid), { source: release.source, tag: release.tag, path });
  const rule = candidate.rule;
  if (rule?.type !== 'directory' || rule.composerJson === undefined) return own();
  const { from } = rule.composerJson;
  let json: ComposerJson;
  if (from === undefined) json = own();
  else {
    const filePath = composerJsonFilePath(from, release.version);
    const text = input.externalComposerJson?.(from, filePath) ?? null;
    if (text !== null) json = parseComposerJson(text, { source: from.source, tag: from.ref ?? 'HEAD', path: filePath });
    else {
      json = editComposerJson(own(), rule.composerJson.whenDerived ?? {}, context(input));
      warnings.push({ source: release.source, tag: release.tag, package: json.name, level: 'info', message: `derived from ${path}: source "${from.source}" has no ${filePath}` });
    }
  }
  return editComposerJson(json, rule.composerJson, context(input));
}

interface ArtifactShape {
  kind: PackageKind;
  dir: string;
  files: ArtifactFile[] | ((version: string, fixes: PackageFixes) => ArtifactFile[]);
  emptyDirs: string[];
  /** Where the composer.json came from, for messages. */
  path: string;
}

/** Version, fixes, final composer.json and content key: what every kind of package goes through. */
function finishArtifact(input: ReleaseInput, json: ComposerJson, shape: ArtifactShape, plan: ReleasePlan): PlannedArtifact | null {
  const { release } = input;
  const { warnings } = plan;
  const fixes = new PackageFixes(input.fixes, json.name, release.tag, input.usedFixes);
  const declared = typeof json.version === 'string' ? json.version : release.version;
  const version = fixes.version(declared);
  const unsafe = versionFileNameProblem(version);
  if (unsafe !== null) {
    const from = version !== declared ? 'a set-version fix' : typeof json.version === 'string' ? 'its "version"' : `the tag's version`;
    throw new MageosError('ERR_VERSION_INVALID', `${shape.path} at ${release.tag} of source "${release.source}": ${json.name} has version ${JSON.stringify(version)} (from ${from}), which ${unsafe}`, {
      hint: 'A version becomes part of the archive file name. Add a set-version fix for this package and tag, or skip the tag.',
      details: { version },
    });
  }
  if (!isValidVersion(version)) {
    throw new MageosError('ERR_PACKAGE_INVALID', `${shape.path} at ${release.tag} of source "${release.source}" has version "${version}", which is not a valid Composer version`, {
      hint: 'Add a set-version fix for this package and tag, or skip the tag.',
    });
  }
  const label = `${json.name}@${version}`;
  const skipped = fixes.skip(version);
  if (skipped !== undefined) {
    warnings.push({ source: release.source, tag: release.tag, package: label, message: `skipped: ${skipped.reason}` });
    (plan.skipped ??= []).push(label);
    return null;
  }
  const edited = fixes.editLinks(json, version);
  for (const p of edited.problems) {
    warnings.push({ source: release.source, tag: release.tag, package: label, message: `fix "${p.fix.reason}" did not apply cleanly: ${p.message}` });
  }
  const files = typeof shape.files === 'function' ? shape.files(version, fixes) : shape.files;
  const composerJson = serializeComposerJson(withVersion(edited.json, version));
  return {
    name: json.name,
    version,
    versionNormalized: normalizeVersion(version),
    kind: shape.kind,
    source: release.source,
    tag: release.tag,
    commit: release.commit,
    time: release.time,
    dir: shape.dir,
    files,
    emptyDirs: shape.emptyDirs,
    composerJson,
    key: contentKey({ format: input.config.format, composerJson, files, emptyDirs: shape.emptyDirs }),
    ...(fixes.allowsVersionDown(version) ? { versionDownAllowed: true as const } : {}),
  };
}

function packageFiles(
  input: ReleaseInput,
  candidate: PackageCandidate,
  treeFiles: readonly TreeFile[],
  version: string,
  fixes: PackageFixes,
  label: string,
  warnings: PlanWarning[],
): ArtifactFile[] {
  const { release } = input;
  const selected = selectPackageFiles(candidate, treeFiles, fixes.fileRules(version));
  for (const left of selected.leftOut) {
    const policy = left.why === 'symlink' ? input.config.symlinks : input.config.submodules;
    const where = `${joinPath(candidate.dir, left.path)} at ${release.tag} of source "${release.source}"`;
    if (policy === 'error') {
      throw new MageosError(left.why === 'symlink' ? 'ERR_SYMLINK' : 'ERR_SUBMODULE', `${where} is a ${left.why}`, {
        hint: `Set "${left.why}s": "skip" in the config to leave ${left.why}s out of archives.`,
      });
    }
    warnings.push({ source: release.source, tag: release.tag, package: label, path: left.path, message: `${left.why} left out of the archive` });
  }
  return replaceFiles(input, candidate, selected.files, fixes.replacedFiles(version), version);
}

function replaceFiles(
  input: ReleaseInput,
  candidate: PackageCandidate,
  files: ArtifactFile[],
  fixes: ReadonlyArray<Extract<Fix, { action: 'replace-files' }>>,
  version: string,
): ArtifactFile[] {
  if (fixes.length === 0) return files;
  const byPath = new Map(files.map((f) => [f.path, f]));
  for (const fix of fixes) {
    for (const rel of fix.files) {
      const source = fix.fromSource ?? input.release.source;
      const ref = fix.fromRef ?? 'HEAD';
      const path = fix.fromPath?.replaceAll('{version}', version) ?? joinPath(candidate.dir, rel);
      const found = input.fileAt(ref, path, fix.fromSource);
      if (found === undefined || found.type !== 'blob') {
        throw new MageosError('ERR_FIX_INVALID', `fix "${fix.reason}": ${path} does not exist at ref "${ref}" of source "${source}"`, {
          hint: 'Correct "files", "fromPath", "fromRef" or "fromSource" of the replace-files fix.',
        });
      }
      byPath.set(rel, { path: rel, oid: found.oid, executable: found.mode === '100755', ...(fix.fromSource !== undefined ? { source: fix.fromSource } : {}) });
    }
  }
  return [...byPath.values()];
}
