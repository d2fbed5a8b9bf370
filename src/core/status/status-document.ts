// The contract between a nightly run (which appends a night) and whatever shows it (status.html, badge.svg,
// `mageos-repo status`). zod/mini, like the config: validated when read, JSON Schema in schemas/status.schema.json.
import * as z from 'zod/mini';

const text = () => z.string();
const count = () => z.number().check(z.int(), z.gte(0));
/** A night as YYYY-MM-DD (the night's date, UTC by default). */
const night = () => z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD'));

export const CheckResult = z.strictObject({
  /** `build`: the night's archives and metadata could be made; `integrity`: every requirement between its packages resolves; `install`: composer create-project of its project template. */
  name: z.enum(['build', 'integrity', 'install']),
  result: z.enum(['passed', 'failed', 'skipped']),
  /** Why it was skipped, or a one-line summary of the failure. */
  summary: z.optional(text()),
  /** The end of its log (at most a few kB), for a failed check. */
  excerpt: z.optional(text()),
  durationMs: z.optional(count()),
});

export const SourceOfNight = z.strictObject({
  name: text(),
  branch: text(),
  commit: text(),
  /** ISO 8601 commit date of `commit`. */
  commitDate: text(),
  /** Subjects of the commits since the previous night's commit of this source, newest first, capped. */
  changes: z.array(text()),
  /** How many more commits there were than `changes` lists. */
  moreChanges: z.optional(count()),
});

export const Night = z.strictObject({
  night: night(),
  /** ISO 8601 times of the run. */
  startedAt: text(),
  durationMs: count(),
  /** published: checks passed and the metadata serves this night; failed: not published; unchanged: no source changed since the night served, nothing new to publish. */
  result: z.enum(['published', 'failed', 'unchanged']),
  sources: z.array(SourceOfNight),
  packages: z.strictObject({
    built: count(),
    reused: count(),
    /** Packages whose content differs from the previous night's (names), capped. */
    changed: z.array(text()),
    moreChanged: z.optional(count()),
  }),
  checks: z.array(CheckResult),
  /** The error that stopped the night, when it did not get to the checks. */
  error: z.optional(z.strictObject({ code: text(), message: text() })),
});

export const StatusDocument = z.strictObject({
  schemaVersion: z.literal(1),
  /** The repository URL users give Composer (the config's baseUrl). */
  repository: text(),
  /** The night the metadata serves now (the newest published one), or null when none was ever published. */
  served: z.nullable(night()),
  /** The nights kept in the history, newest first. */
  nights: z.array(Night),
});

export type CheckResult = z.infer<typeof CheckResult>;
export type SourceOfNight = z.infer<typeof SourceOfNight>;
export type Night = z.infer<typeof Night>;
export type StatusDocument = z.infer<typeof StatusDocument>;
