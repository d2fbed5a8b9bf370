import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
// zod/mini as the config schema uses it: classic zod's namespace object kept all of zod (and its 64 locales) in the
// chunk every command loads.
import * as z from 'zod/mini';
import { type OutputDirectory, STATE_DIR } from '../../adapters/fs/output-directory.js';
import { writeFileAtomicSync } from '../../adapters/fs/atomic-file.js';
import type { UploadRecord } from '../../core/publish/publish-plan.js';
import type { HashedFile } from './local-files.js';

const Manifest = z.object({
  version: z.literal(1),
  target: z.string(),
  endpoint: z.nullable(z.string()),
  hashes: z.record(z.string(), z.object({ size: z.number(), mtimeMs: z.number(), md5: z.string(), sha256: z.string() })),
  uploaded: z.record(z.string(), z.object({ sha256: z.string(), etag: z.string(), headers: z.string() })),
  gone: z.record(z.string(), z.number()),
});

/** Why a manifest was not read: the first field the schema refused ("uploaded.a.etag: ..."), or what JSON.parse said. */
function reasonOf(error: unknown): string {
  const issue = (error as { issues?: Array<{ path: PropertyKey[]; message: string }> }).issues?.[0];
  return issue === undefined ? (error as Error).message.split('\n')[0] ?? '' : `${issue.path.map(String).join('.') || 'the document'}: ${issue.message}`;
}

/**
 * What a repository remembers of publishing to one bucket and prefix (`.mageos-repo/publish/<id>.json`): the digests
 * of its files, what it uploaded, and since when objects have been gone from the directory. The bucket listing is the
 * truth: a lost or damaged manifest costs hashing the files again and restarts the grace period of deletions, nothing more.
 */
export class PublishManifest {
  private constructor(
    private readonly file: string,
    readonly target: string,
    readonly endpoint: string | null,
    public hashes: Record<string, HashedFile>,
    readonly uploaded: Record<string, UploadRecord>,
    public gone: Record<string, number>,
    /** Why the manifest was not read, when it was there but unreadable. */
    readonly unreadable: string | null,
  ) {}

  static read(out: OutputDirectory, target: string, endpoint: string | null): PublishManifest {
    const id = createHash('sha256').update(`${endpoint ?? ''}\0${target}`).digest('hex').slice(0, 16);
    const file = out.path(`${STATE_DIR}/publish/${id}.json`);
    const empty = (unreadable: string | null) => new PublishManifest(file, target, endpoint, {}, {}, {}, unreadable);
    if (!existsSync(file)) return empty(null);
    try {
      const parsed = Manifest.parse(JSON.parse(readFileSync(file, 'utf8')));
      return new PublishManifest(file, target, endpoint, parsed.hashes, parsed.uploaded, parsed.gone, null);
    } catch (error) {
      return empty(`${file} could not be read (${reasonOf(error)}): every file is hashed again and the bucket listing decides`);
    }
  }

  save(out: OutputDirectory): void {
    const doc = { version: 1, target: this.target, endpoint: this.endpoint, hashes: this.hashes, uploaded: this.uploaded, gone: this.gone };
    try {
      writeFileAtomicSync(this.file, JSON.stringify(doc), out.tmpDir);
    } catch (error) {
      throw out.problem(error);
    }
  }
}
