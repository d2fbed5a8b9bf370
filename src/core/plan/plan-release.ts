import type { Config, Fix } from '../config/schema.js';
import { MageosError } from '../errors.js';
import { isValidVersion, normalizeVersion } from '../version/index.js';
import { parseComposerJson, serializeComposerJson, withVersion } from './composer-json.js';
import { contentKey } from './content-key.js';
import { PackageFixes } from './fixes.js';
import { filesByCandidate, selectPackageFiles } from './package-files.js';
import type { ArtifactFile, PackageCandidate, PlannedArtifact, PlanWarning, ReleaseRef, TreeFile } from './types.js';

export interface ReleaseInput {
  release: ReleaseRef;
  files: readonly TreeFile[];
  candidates: readonly PackageCandidate[];
  composerJsonText: (oid: string) => string;
  fixes: readonly Fix[];
  usedFixes: Set<Fix>;
  config: Pick<Config, 'format' | 'symlinks' | 'submodules'>;
  /** A file of the same source at another ref, for replace-files fixes (trees loaded beforehand). */
  fileAt: (ref: string, path: string) => TreeFile | undefined;
}

export interface ReleasePlan {
  artifacts: PlannedArtifact[];
  warnings: PlanWarning[];
  errors: MageosError[];
}

function joinPath(dir: string, rel: string): string {
  return dir === '' ? rel : `${dir}/${rel}`;
}

/** Turns the package candidates of one release tree into artifacts: versions, fixes, files and content keys. */
export function planRelease(input: ReleaseInput): ReleasePlan {
  const plan: ReleasePlan = { artifacts: [], warnings: [], errors: [] };
  const grouped = filesByCandidate(input.files, input.candidates);
  for (const candidate of input.candidates) {
    try {
      const artifact = planPackage(input, candidate, grouped.get(candidate) ?? [], plan.warnings);
      if (artifact !== null) plan.artifacts.push(artifact);
    } catch (error) {
      if (!(error instanceof MageosError)) throw error;
      plan.errors.push(error);
    }
  }
  return plan;
}

function planPackage(
  input: ReleaseInput,
  candidate: PackageCandidate,
  treeFiles: readonly TreeFile[],
  warnings: PlanWarning[],
): PlannedArtifact | null {
  const { release } = input;
  const path = joinPath(candidate.dir, 'composer.json');
  const origin = { source: release.source, tag: release.tag, path };
  const json = parseComposerJson(input.composerJsonText(candidate.composerJsonOid), origin);
  const fixes = new PackageFixes(input.fixes, json.name, release.tag, input.usedFixes);
  const declared = typeof json.version === 'string' ? json.version : release.version;
  const version = fixes.version(declared);
  if (!isValidVersion(version)) {
    throw new MageosError('ERR_PACKAGE_INVALID', `${path} at ${release.tag} of source "${release.source}" has version "${version}", which is not a valid Composer version`, {
      hint: 'Add a set-version fix for this package and tag, or skip the tag.',
    });
  }
  const skipped = fixes.skip(version);
  if (skipped !== undefined) {
    warnings.push({ source: release.source, tag: release.tag, package: `${json.name}@${version}`, message: `skipped: ${skipped.reason}` });
    return null;
  }
  const edited = fixes.editLinks(json, version);
  for (const p of edited.problems) {
    warnings.push({ source: release.source, tag: release.tag, package: `${json.name}@${version}`, message: `fix "${p.fix.reason}" did not apply cleanly: ${p.message}` });
  }
  const kind = candidate.kind === 'auto' ? (json.type === 'metapackage' ? 'metapackage' : 'package') : candidate.kind;
  let files: ArtifactFile[] = [];
  if (kind === 'package') {
    const selected = selectPackageFiles(candidate, treeFiles);
    for (const left of selected.leftOut) {
      const policy = left.why === 'symlink' ? input.config.symlinks : input.config.submodules;
      const where = `${joinPath(candidate.dir, left.path)} at ${release.tag} of source "${release.source}"`;
      if (policy === 'error') {
        throw new MageosError(left.why === 'symlink' ? 'ERR_SYMLINK' : 'ERR_SUBMODULE', `${where} is a ${left.why}`, {
          hint: `Set "${left.why}s": "skip" in the config to leave ${left.why}s out of archives.`,
        });
      }
      warnings.push({ source: release.source, tag: release.tag, package: `${json.name}@${version}`, path: left.path, message: `${left.why} left out of the archive` });
    }
    files = replaceFiles(input, candidate, selected.files, fixes.replacedFiles(version));
  }
  const composerJson = serializeComposerJson(withVersion(edited.json, version));
  const emptyDirs = kind === 'package' ? candidate.emptyDirs : [];
  return {
    name: json.name,
    version,
    versionNormalized: normalizeVersion(version),
    kind,
    source: release.source,
    tag: release.tag,
    commit: release.commit,
    time: release.time,
    dir: candidate.dir,
    files,
    emptyDirs,
    composerJson,
    key: contentKey({ format: input.config.format, composerJson, files, emptyDirs }),
  };
}

function replaceFiles(
  input: ReleaseInput,
  candidate: PackageCandidate,
  files: ArtifactFile[],
  fixes: ReadonlyArray<Extract<Fix, { action: 'replace-files' }>>,
): ArtifactFile[] {
  if (fixes.length === 0) return files;
  const byPath = new Map(files.map((f) => [f.path, f]));
  for (const fix of fixes) {
    for (const rel of fix.files) {
      const found = input.fileAt(fix.fromRef, joinPath(candidate.dir, rel));
      if (found === undefined || found.type !== 'blob') {
        throw new MageosError('ERR_FIX_INVALID', `fix "${fix.reason}": ${joinPath(candidate.dir, rel)} does not exist at ref "${fix.fromRef}" of source "${input.release.source}"`, {
          hint: 'Correct "files" or "fromRef" of the replace-files fix.',
        });
      }
      byPath.set(rel, { path: rel, oid: found.oid, executable: found.mode === '100755' });
    }
  }
  return [...byPath.values()];
}
