import { readTemplates } from '../../adapters/fs/read-templates.js';
import type { Distribution } from '../../core/config/schema.js';
import type { DistributionRelease } from '../../core/distribution/distribution-release.js';
import { expandTemplate, type ReleaseMember, type TemplateValues, templateName } from '../../core/distribution/templates.js';
import { type ComposerJson, serializeComposerJson } from '../../core/plan/composer-json.js';
import { composerJsonArtifact } from '../../core/plan/composer-json-artifact.js';
import type { PlannedArtifact, ReleaseRef } from '../../core/plan/types.js';
import { templatesDirectory } from './templates-directory.js';

export type ReleaseTemplates = NonNullable<DistributionRelease['templates']>;

/**
 * The packages of a release `"{release}"` can require: `taken` maps each name after renaming to the planned package's
 * name; `versionOf` gives the release version, or undefined for a package that keeps its own.
 */
export function releaseMembers(artifacts: PlannedArtifact[], taken: ReadonlyMap<string, string>, versionOf: (name: string) => string | undefined): ReleaseMember[] {
  const planned = new Map(artifacts.map((a) => [a.name, a]));
  return [...taken].map(([name, plannedName]) => {
    const artifact = planned.get(plannedName) as PlannedArtifact;
    return { name, version: versionOf(name) ?? artifact.version, type: (JSON.parse(artifact.composerJson) as { type?: string }).type };
  });
}

/** The distribution's templates expanded for a release; `produced` names the packages its sources make. */
export async function releaseTemplates(dist: Distribution, values: TemplateValues, members: readonly ReleaseMember[]): Promise<ReleaseTemplates> {
  if (dist.templates === undefined) return [];
  const produced = new Set(members.map((m) => m.name));
  const templates = await readTemplates(templatesDirectory(dist.templates));
  return templates.map((t) => ({ json: expandTemplate(t, values, members), extra: !produced.has(templateName(t, dist.vendor)) }));
}

/** A package only a template defines: a metapackage unless its type says otherwise (then an archive of its composer.json). */
function extraArtifact(json: ComposerJson, release: ReleaseRef, format: string): PlannedArtifact {
  return composerJsonArtifact({ ...json, type: json.type ?? 'metapackage' }, release, format);
}

/**
 * A source's packages with the release's templates applied, before renaming: a package a template defines gets the
 * template as its composer.json (under its upstream name, so it still replaces the upstream package); with
 * `extrasAt` (the release of the first source), the packages only templates define are added.
 */
export function withTemplates(artifacts: PlannedArtifact[], record: DistributionRelease, extrasAt: ReleaseRef | null, format: string): PlannedArtifact[] {
  const templates = record.templates ?? [];
  if (templates.length === 0) return artifacts;
  const byName = new Map(templates.map((t) => [t.json.name, t.json]));
  const replaced = artifacts.map((a) => {
    const json = byName.get(record.renames[a.name] ?? a.name);
    return json === undefined ? a : { ...a, composerJson: serializeComposerJson({ ...json, name: a.name }) };
  });
  const extras = extrasAt === null ? [] : templates.filter((t) => t.extra).map((t) => extraArtifact(t.json, extrasAt, format));
  return [...replaced, ...extras];
}
