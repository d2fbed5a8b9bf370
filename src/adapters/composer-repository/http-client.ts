import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream } from 'node:stream/web';
import { MageosError } from '../../core/errors.js';
import { authorizationFor, type ComposerAuth } from './composer-auth.js';
import { createLimiter } from './limiter.js';
import { parseUrl, RefusedUrl, type UrlPolicy } from './url-policy.js';

const NOT_FOUND = new Set([404, 410]);
const REDIRECT = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 10;
/** Bodies up to this size are written in one go; larger ones are streamed so memory stays flat. */
const BUFFERED_BYTES = 8 * 1024 * 1024;

/**
 * GETs over HTTP(S) with Composer's credentials and a bound on requests in flight; absent files are null, not
 * errors. Every URL, redirects included, is first checked against the policy: a refused one throws RefusedUrl.
 */
export class HttpClient {
  private readonly limit: ReturnType<typeof createLimiter>;

  constructor(
    private readonly auth: ComposerAuth,
    private readonly policy: UrlPolicy,
    concurrency = 8,
  ) {
    this.limit = createLimiter(concurrency);
  }

  /** The body as text; past `maxBytes` the download stops and `tooLarge` gives the error. */
  async text(url: URL, maxBytes: number, tooLarge: () => Error): Promise<string | null> {
    return this.limit(async () => {
      const response = await this.get(url);
      if (response === null) return null;
      if (response.body === null) return '';
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of Readable.fromWeb(response.body as ReadableStream)) {
        size += (chunk as Buffer).length;
        if (size > maxBytes) {
          await response.body?.cancel().catch(() => {});
          throw tooLarge();
        }
        chunks.push(chunk as Buffer);
      }
      return Buffer.concat(chunks).toString('utf8');
    });
  }

  /** Streams the body to `file`; returns the sha1 of what was written, or null when the server has no such file. */
  async download(url: URL, file: string): Promise<string | null> {
    return this.limit(async () => {
      const response = await this.get(url);
      if (response === null) return null;
      const length = Number(response.headers.get('content-length') ?? Number.NaN);
      if (length <= BUFFERED_BYTES) {
        const body = Buffer.from(await response.arrayBuffer());
        await writeFile(file, body);
        return createHash('sha1').update(body).digest('hex');
      }
      const hash = createHash('sha1');
      const hashing = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          hash.update(chunk);
          done(null, chunk);
        },
      });
      try {
        await pipeline(Readable.fromWeb(response.body as ReadableStream), hashing, createWriteStream(file));
      } catch (cause) {
        throw unreadable(url, `the download broke off: ${(cause as Error).message}`, cause);
      }
      return hash.digest('hex');
    });
  }

  private async get(url: URL): Promise<Response | null> {
    let current = url;
    for (let hop = 0; ; hop++) {
      const why = this.policy.refusal(current);
      if (why !== null) throw new RefusedUrl(current, why);
      const response = await this.fetchOnce(current);
      const location = response.headers.get('location');
      if (!REDIRECT.has(response.status) || location === null) return this.checked(current, response);
      await response.body?.cancel();
      if (hop === MAX_REDIRECTS) throw unreadable(url, `more than ${MAX_REDIRECTS} redirects`, undefined);
      const next = parseUrl(location, current);
      if (next === null) throw unreadable(current, `it redirects to ${JSON.stringify(location)}, which is not a URL`, undefined);
      current = next;
    }
  }

  /** One request, without following redirects: each hop is checked against the policy and gets its own host's credentials. */
  private async fetchOnce(url: URL): Promise<Response> {
    const headers: Record<string, string> = { 'user-agent': 'mageos-repo verify' };
    const authorization = authorizationFor(url, this.auth);
    if (authorization !== undefined) headers.authorization = authorization;
    try {
      return await fetch(url, { headers, redirect: 'manual' });
    } catch (cause) {
      const reason = (cause as { cause?: { code?: string } }).cause?.code ?? (cause as Error).message;
      throw unreadable(url, `it cannot be reached (${reason})`, cause);
    }
  }

  private async checked(url: URL, response: Response): Promise<Response | null> {
    if (NOT_FOUND.has(response.status)) {
      await response.body?.cancel();
      return null;
    }
    if (!response.ok) {
      await response.body?.cancel();
      const denied = response.status === 401 || response.status === 403;
      throw new MageosError('ERR_REPOSITORY_UNREADABLE', `${url.href} answered HTTP ${response.status}`, {
        hint: denied
          ? `Give credentials for ${url.host} as Composer reads them: http-basic or bearer in auth.json (COMPOSER_HOME or the current directory) or COMPOSER_AUTH.`
          : 'The server failed; try again later.',
      });
    }
    return response;
  }
}

function unreadable(url: URL, why: string, cause: unknown): MageosError {
  return new MageosError('ERR_REPOSITORY_UNREADABLE', `${url.href}: ${why}`, { hint: 'Check the URL and the network.', cause });
}
