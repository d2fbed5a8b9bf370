// zod/mini, as the config schema: a state is read at every build start, also when there is nothing to do.
import * as z from 'zod/mini';

const artifactSummary = {
  name: z.string(),
  version: z.string(),
  versionNormalized: z.string(),
  kind: z.enum(['package', 'metapackage']),
  source: z.string(),
  tag: z.string(),
  commit: z.string(),
  time: z.nullable(z.number()),
  dir: z.string(),
  key: z.string(),
  versionDownAllowed: z.optional(z.literal(true)),
};

const publishedArtifact = z.object({
  ...artifactSummary,
  file: z.string().check(z.minLength(1)),
  sha1: z.string().check(z.regex(/^[0-9a-f]{40}$/)),
  size: z.number().check(z.int(), z.nonnegative()),
  composerJson: z.string(),
  origin: z.optional(z.literal('archive')),
});

const releaseRecord = z.object({
  commit: z.string(),
  rulesHash: z.string(),
  artifacts: z.array(z.object(artifactSummary)),
  skipped: z.optional(z.array(z.string())),
});

/** The shape of `.mageos-repo/state.json` (state version 1): everything a build reads from it, checked before use. */
export const STATE_SCHEMA = z.object({
  stateVersion: z.number(),
  format: z.optional(z.string()),
  fingerprint: z.optional(z.nullable(z.string())),
  artifacts: z.optional(z.record(z.string(), publishedArtifact)),
  releases: z.optional(z.record(z.string(), z.record(z.string(), releaseRecord))),
  metadata: z.optional(z.object({ published: z.array(z.string()), retired: z.array(z.string()) })),
  retiredArchives: z.optional(z.record(z.string(), z.object({ file: z.string().check(z.minLength(1)), since: z.number() }))),
});
