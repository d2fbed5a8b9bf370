import { normalizeVersion, parseConstraints } from '../version/index.js';
import { isPlatformPackage } from './platform-packages.js';

/** A version a name is available in: its own, or one that another package replaces or provides. */
interface Offer {
  pretty: string;
  /** Null for a replace or provide whose constraint is a range: taken as matching any requirement. */
  normalized: string | null;
  /** Set when the offer comes from a replace or provide of another package. */
  via?: string;
}

/** What the index needs of a version's metadata. */
export interface IndexedVersion {
  name: string;
  version: string;
  versionNormalized: string;
  replace?: unknown;
  provide?: unknown;
}

export interface UnmetRequirement {
  require: string;
  constraint: string;
  reason: 'no-match' | 'invalid-constraint';
  /** Pretty versions the repository has of that name, in the order it lists them, at most MAX_SHOWN. */
  available: string[];
  error?: string;
}

const MAX_SHOWN = 10;

function links(value: unknown): [string, string][] {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [];
  return Object.entries(value as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string');
}

function exactVersion(constraint: string): string | null {
  try {
    return normalizeVersion(constraint.trim());
  } catch {
    return null;
  }
}

/** Which versions the repository offers under each (lower-case) package name, to test requirements against. */
export class RequirementIndex {
  private readonly offers = new Map<string, Offer[]>();

  add(v: IndexedVersion): void {
    this.offer(v.name, { pretty: v.version, normalized: v.versionNormalized });
    for (const [name, constraint] of [...links(v.replace), ...links(v.provide)]) {
      const via = `${v.name} ${v.version}`;
      if (constraint === 'self.version') this.offer(name, { pretty: v.version, normalized: v.versionNormalized, via });
      else this.offer(name, { pretty: constraint, normalized: exactVersion(constraint), via });
    }
  }

  has(name: string): boolean {
    return this.offers.has(name.toLowerCase());
  }

  /**
   * The requirements of one version that nothing in the repository satisfies, among those on names the
   * repository serves or `mustResolve` names; platform requirements are never checked.
   */
  unmet(requiring: IndexedVersion, require: unknown, mustResolve: (name: string) => boolean): UnmetRequirement[] {
    const unmet: UnmetRequirement[] = [];
    for (const [name, raw] of links(require)) {
      if (!this.checks(name, mustResolve)) continue;
      const constraint = raw.trim() === 'self.version' ? requiring.version : raw;
      const offers = this.offers.get(name.toLowerCase()) ?? [];
      const available = offers.filter((o) => o.via === undefined).slice(0, MAX_SHOWN).map((o) => o.pretty);
      let matches: (normalized: string) => boolean;
      try {
        const parsed = parseConstraints(constraint);
        matches = (normalized) => parsed.matches(normalized);
      } catch (error) {
        unmet.push({ require: name, constraint: raw, reason: 'invalid-constraint', available, error: (error as Error).message });
        continue;
      }
      if (!offers.some((o) => o.normalized === null || matches(o.normalized))) unmet.push({ require: name, constraint: raw, reason: 'no-match', available });
    }
    return unmet;
  }

  /** The names among `require` that unmet() leaves out (not served, not named by `mustResolve`), platform ones aside. */
  unchecked(require: unknown, mustResolve: (name: string) => boolean): string[] {
    return links(require).map(([name]) => name).filter((name) => !isPlatformPackage(name) && !this.checks(name, mustResolve));
  }

  private checks(name: string, mustResolve: (name: string) => boolean): boolean {
    return !isPlatformPackage(name) && (this.has(name) || mustResolve(name));
  }

  private offer(name: string, offer: Offer): void {
    const key = name.toLowerCase();
    const list = this.offers.get(key);
    if (list === undefined) this.offers.set(key, [offer]);
    else list.push(offer);
  }
}
