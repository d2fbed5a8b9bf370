import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';

/** The keys s3rver accepts (it checks every request's signature against them). */
export const S3_CREDENTIALS = { AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER' };

/**
 * Environment for the AWS SDK in a test: s3rver's keys, and no shared config or credentials file of the machine's,
 * so nothing of the user's ~/.aws decides a test.
 */
export function s3Environment(): NodeJS.ProcessEnv {
  const none = join(tmpdir(), 'mageos-repo-no-aws-config');
  return { ...S3_CREDENTIALS, AWS_CONFIG_FILE: none, AWS_SHARED_CREDENTIALS_FILE: none, AWS_REGION: 'us-east-1' };
}

export interface S3TestServer {
  endpoint: string;
  /** The public URL of an object (path style, no signature: s3rver serves GET without one). */
  url(bucket: string, key: string): string;
  /** The keys written so far, in the order the server stored them. */
  puts(): Promise<string[]>;
  /** SIGKILLs process `pid` as the server stores the first key matching `pattern`, before it answers that upload. */
  killOnPut(pid: number, pattern: RegExp): Promise<void>;
  close(): Promise<void>;
}

const SERVER = fileURLToPath(new URL('./s3-server-process.mjs', import.meta.url));

/** s3rver (an S3 API server from npm that keeps objects on disk) in a child process on 127.0.0.1, with the given buckets. */
export async function startS3Server(buckets: string[]): Promise<S3TestServer> {
  const directory = mkdtempSync(join(tmpdir(), 'mageos-s3-'));
  const child = fork(SERVER, [directory, ...buckets], { execArgv: ['--openssl-legacy-provider'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const waiting = new Map<number, (reply: Record<string, unknown>) => void>();
  let next = 0;
  const port = await new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the S3 test server exited (${code}) before listening`)));
    child.on('message', (m: { port?: number; id?: number }) => {
      if (m.port !== undefined) resolve(m.port);
      if (m.id !== undefined) waiting.get(m.id)?.(m);
    });
  });
  child.removeAllListeners('exit');
  const ask = (message: Record<string, unknown>) =>
    new Promise<Record<string, unknown>>((resolve) => {
      const id = ++next;
      waiting.set(id, resolve);
      child.send({ ...message, id });
    });
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    url: (bucket, key) => `${endpoint}/${bucket}/${key}`,
    puts: async () => (await ask({ puts: true })).puts as string[],
    killOnPut: async (pid, pattern) => void (await ask({ killOnPut: { pid, pattern: pattern.source } })),
    async close() {
      await ask({ close: true });
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/**
 * One server for the tests of a file: started before them, with the AWS SDK of this process pointed at its keys,
 * closed after them (the file's temporary directories are removed then too). Read it inside a test.
 */
export function s3ServerForTests(buckets: string[], cleanup: () => void = () => {}): () => S3TestServer {
  let server: S3TestServer | null = null;
  before(async () => {
    Object.assign(process.env, s3Environment());
    server = await startS3Server(buckets);
  });
  after(async () => {
    await server?.close();
    cleanup();
  });
  return () => server as S3TestServer;
}
