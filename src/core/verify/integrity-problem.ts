import type { RepositoryAccess } from './repository-access.js';

export type IntegrityProblemKind =
  | 'metadata-missing'
  | 'metadata-invalid'
  | 'unmet-requirement'
  | 'invalid-constraint'
  | 'dist-unsupported'
  | 'dist-refused'
  | 'archive-missing'
  | 'shasum-mismatch'
  | 'archive-invalid'
  | 'composer-json-missing'
  | 'composer-json-invalid'
  | 'composer-json-mismatch';

/** One thing wrong with a repository, precise enough to act on: which package version, what, and the values involved. */
export interface IntegrityProblem {
  package: string;
  /** The pretty version; null for problems of the package as a whole (its metadata). */
  version: string | null;
  kind: IntegrityProblemKind;
  message: string;
  details: Record<string, unknown>;
}

export interface IntegrityReport {
  repository: string;
  counts: { packages: number; versions: number; archives: number; problems: number };
  /** Sorted by package, version, kind. */
  problems: IntegrityProblem[];
  /** Required names whose requirements were not checked: of vendors the repository serves nothing of, and not named by `--vendor`; sorted. */
  notChecked: string[];
  /** Where the repository was read from, and what was not fetched. */
  access: RepositoryAccess[];
  durationMs: number;
}

/** Problems of the repository as a whole (its packages.json, the names it lists) are listed under this name. */
export const REPOSITORY_ITSELF = '(repository)';

export function problem(pkg: string, version: string | null, kind: IntegrityProblemKind, message: string, details: Record<string, unknown> = {}): IntegrityProblem {
  return { package: pkg, version, kind, message, details };
}

const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A stable order for reports: by package, version, kind, then message. */
export function compareProblems(a: IntegrityProblem, b: IntegrityProblem): number {
  return order(a.package, b.package) || order(a.version ?? '', b.version ?? '') || order(a.kind, b.kind) || order(a.message, b.message);
}

/** Problems grouped under "package version" (or "package" for the package's own), in report order. */
export function problemsByVersion(problems: readonly IntegrityProblem[]): Map<string, IntegrityProblem[]> {
  const groups = new Map<string, IntegrityProblem[]>();
  for (const p of problems) {
    const key = p.version === null ? p.package : `${p.package} ${p.version}`;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  return groups;
}
