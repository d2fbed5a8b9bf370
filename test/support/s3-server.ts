import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';

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
  /** Where the server keeps its objects (bucket/key files plus their metadata). */
  directory: string;
  /** The keys written, in the order the server stored them. */
  puts: string[];
  /** Called as each put is stored, before the server answers it (a test can kill the uploader right there). */
  onPut: ((key: string) => void) | null;
  close(): Promise<void>;
}

/** s3rver, an S3 API server from npm that keeps objects on disk, on 127.0.0.1 with the given buckets created. */
export async function startS3Server(buckets: string[]): Promise<S3TestServer> {
  const directory = mkdtempSync(join(tmpdir(), 'mageos-s3-'));
  const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: buckets.map((name) => ({ name })) });
  const puts: string[] = [];
  server.on('event', (e) => {
    for (const r of e.Records) {
      if (r.eventName !== 'ObjectCreated:Put') continue;
      const key = decodeURIComponent(r.s3.object.key);
      puts.push(key);
      handle.onPut?.(key);
    }
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const handle: S3TestServer = {
    endpoint,
    url: (bucket, key) => `${endpoint}/${bucket}/${key}`,
    directory,
    puts,
    async close() {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
    onPut: null,
  };
  return handle;
}
