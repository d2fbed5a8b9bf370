import type { Fix } from '../config/schema.js';
import { satisfies } from '../version/index.js';
import type { ComposerJson } from './composer-json.js';

type EditLinksFix = Extract<Fix, { action: 'edit-links' }>;
type ReplaceFilesFix = Extract<Fix, { action: 'replace-files' }>;

export interface FixProblem {
  fix: Fix;
  message: string;
}

function targets(fix: Fix, name: string, tag: string, version: string | null): boolean {
  if (fix.package !== name) return false;
  if (fix.tag !== undefined && fix.tag !== tag) return false;
  if (version === null) return true;
  if (fix.version !== undefined && fix.version !== version) return false;
  if (fix.constraint !== undefined && !satisfies(version, fix.constraint)) return false;
  return fix.versions === undefined || fix.versions.includes(version);
}

/** The fixes of a source that concern one package built from one tag, and what they do to it. */
export class PackageFixes {
  private readonly matching: Fix[];

  constructor(
    fixes: readonly Fix[],
    private readonly name: string,
    private readonly tag: string,
    private readonly used: Set<Fix>,
  ) {
    this.matching = fixes.filter((f) => f.package === name && (f.tag === undefined || f.tag === tag));
  }

  /** The version after set-version fixes. */
  version(original: string): string {
    let version = original;
    for (const fix of this.matching) {
      if (fix.action === 'set-version') {
        version = fix.set;
        this.used.add(fix);
      }
    }
    return version;
  }

  skip(version: string): Fix | undefined {
    const fix = this.of('skip', version)[0];
    if (fix !== undefined) this.used.add(fix);
    return fix;
  }

  replacedFiles(version: string): ReplaceFilesFix[] {
    const fixes = this.of('replace-files', version);
    for (const fix of fixes) this.used.add(fix);
    return fixes;
  }

  /** Whether this version may be older than the one of an earlier release of its line (an allow-version-down fix). */
  allowsVersionDown(version: string): boolean {
    const fix = this.of('allow-version-down', version)[0];
    if (fix !== undefined) this.used.add(fix);
    return fix !== undefined;
  }

  /** Extra exclude globs, and globs the rule excludes that this version keeps. */
  fileRules(version: string): { exclude: string[]; include: string[] } {
    const exclude = this.of('exclude-files', version);
    const include = this.of('include-files', version);
    for (const fix of [...exclude, ...include]) this.used.add(fix);
    return { exclude: exclude.flatMap((f) => f.files), include: include.flatMap((f) => f.files) };
  }

  /** Applies edit-links fixes to a copy of the composer.json; entries that are not as the fix expects are problems. */
  editLinks(json: ComposerJson, version: string): { json: ComposerJson; problems: FixProblem[] } {
    const problems: FixProblem[] = [];
    let result = json;
    for (const fix of this.of('edit-links', version)) {
      this.used.add(fix);
      const { links, problems: found } = editSection(result[fix.section], fix);
      problems.push(...found.map((message) => ({ fix, message })));
      result = { ...result, [fix.section]: links };
    }
    return { json: result, problems };
  }

  private of<A extends Fix['action']>(action: A, version: string): Array<Extract<Fix, { action: A }>> {
    return this.matching.filter(
      (f): f is Extract<Fix, { action: A }> => f.action === action && targets(f, this.name, this.tag, version),
    );
  }
}

function editSection(section: unknown, fix: EditLinksFix): { links: Record<string, string>; problems: string[] } {
  const links: Record<string, string> = { ...((section ?? {}) as Record<string, string>) };
  const problems: string[] = [];
  for (const name of fix.remove ?? []) {
    if (name in links) delete links[name];
    else problems.push(`"${fix.section}" has no "${name}" to remove`);
  }
  for (const [name, constraint] of Object.entries(fix.replace ?? {})) {
    if (!(name in links)) problems.push(`"${fix.section}" has no "${name}" to replace`);
    links[name] = constraint;
  }
  for (const [name, constraint] of Object.entries(fix.add ?? {})) {
    if (name in links) problems.push(`"${fix.section}" already has "${name}" (use "replace" to change it)`);
    links[name] = constraint;
  }
  return { links, problems };
}
