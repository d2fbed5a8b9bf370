import type { ComposerJsonFile, PackageRule } from '../../core/config/schema.js';
import { MageosError } from '../../core/errors.js';
import { composerJsonFilePath } from '../../core/plan/composer-json-rules.js';
import type { SourceSession } from './source-session.js';

/** The composer.json files that a source's rules read from other sources. */
export function referencedFiles(rules: readonly PackageRule[]): ComposerJsonFile[] {
  const files: ComposerJsonFile[] = [];
  for (const rule of rules) {
    if (rule.type === 'composer-json') files.push(rule.from);
    if (rule.type === 'directory' && rule.composerJson?.from !== undefined) files.push(rule.composerJson.from);
  }
  return files;
}

/** Reads rule files from the other sources of a build: each source's ref listed once, each file read once. */
export class ComposerJsonFiles {
  constructor(private readonly sessions: ReadonlyMap<string, SourceSession>) {}

  private session(file: ComposerJsonFile, user: string): SourceSession {
    return this.source(file.source, user, file.path);
  }

  /** Another source of the build, by name; a name not in the config is a config error. */
  source(name: string, user: string, what = 'files'): SourceSession {
    const session = this.sessions.get(name);
    if (session === undefined) {
      throw new MageosError('ERR_CONFIG_INVALID', `source "${user}" reads ${what} from source "${name}", which is not in the config`, {
        hint: `Add a source named "${name}" (with "packages": [] if it only provides files), or correct the source name.`,
      });
    }
    return session;
  }

  /** What the files depend on besides the release: the commit each referenced source ref points at. */
  async identity(user: SourceSession): Promise<string[]> {
    const refs = referencedFiles(user.config.packages ?? []).map((f) => ({ source: f.source, ref: f.ref ?? 'HEAD', what: f.path }));
    for (const fix of user.config.fixes ?? []) {
      if (fix.action === 'replace-files' && fix.fromSource !== undefined) refs.push({ source: fix.fromSource, ref: fix.fromRef ?? 'HEAD', what: fix.fromPath ?? 'files' });
    }
    const ids: string[] = [];
    for (const { source, ref, what } of refs) {
      const { commit } = await this.source(source, user.name, what).resolve(ref);
      ids.push(`${source}@${ref}=${commit}`);
    }
    return [...new Set(ids)].sort();
  }

  /** Reads, for one release version, every file the rules refer to; the lookup answers null for a missing file. */
  async prefetch(user: SourceSession, version: string): Promise<(file: ComposerJsonFile, path: string) => string | null> {
    const texts = new Map<string, string | null>();
    const key = (file: ComposerJsonFile, path: string) => `${file.source}\0${file.ref ?? 'HEAD'}\0${path}`;
    for (const file of referencedFiles(user.config.packages ?? [])) {
      const session = this.session(file, user.name);
      const path = composerJsonFilePath(file, version);
      const entry = (await session.filesAt(file.ref ?? 'HEAD')).get(path);
      const text = entry?.type === 'blob' ? (await session.readTexts([entry.oid]))(entry.oid) : null;
      texts.set(key(file, path), text);
    }
    return (file, path) => texts.get(key(file, path)) ?? null;
  }
}
