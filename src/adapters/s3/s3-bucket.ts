import { createReadStream } from 'node:fs';
import { DeleteObjectsCommand, PutObjectCommand, S3Client, paginateListObjectsV2 } from '@aws-sdk/client-s3';
import { MageosError } from '../../core/errors.js';
import type { RemoteObject } from '../../core/publish/publish-plan.js';
import { type PublishTarget, targetLabel } from '../../core/publish/publish-target.js';

export interface S3Connection {
  /** An S3-compatible endpoint (R2, MinIO, Ceph, Spaces…); otherwise the SDK's own (AWS_ENDPOINT_URL_S3, AWS). */
  endpoint?: string;
  /** Otherwise the SDK's (AWS_REGION, ~/.aws/config); with an endpoint and no region anywhere, us-east-1. */
  region?: string;
  /** Bucket in the path instead of the host name; the default with an endpoint. */
  pathStyle?: boolean;
}

export interface ObjectHeaders {
  contentType: string;
  cacheControl: string;
}

const ATTEMPTS = 4;

/**
 * A bucket of an S3-compatible store, through the official AWS SDK: credentials come the standard AWS way
 * (environment, shared config and credentials files, SSO, instance roles). Every request is retried a few times
 * with a fresh body (the SDK's own retry cannot re-read a file stream); what still fails is a MageosError naming
 * the bucket and the key.
 */
export class S3Bucket {
  private constructor(
    private readonly client: S3Client,
    readonly target: PublishTarget,
  ) {}

  static async connect(target: PublishTarget, connection: S3Connection): Promise<S3Bucket> {
    // The SDK warns on every start under Node 20, which this tool supports.
    process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
    const make = (region?: string) =>
      new S3Client({
        ...(connection.endpoint === undefined ? {} : { endpoint: connection.endpoint }),
        ...(region === undefined ? {} : { region }),
        forcePathStyle: connection.pathStyle ?? connection.endpoint !== undefined,
        maxAttempts: 1,
        // Checksums only where S3 requires them: many S3-compatible stores refuse the newer checksum trailers.
        requestChecksumCalculation: 'WHEN_REQUIRED',
        responseChecksumValidation: 'WHEN_REQUIRED',
      });
    const client = make(connection.region);
    try {
      await client.config.region();
      return new S3Bucket(client, target);
    } catch (error) {
      client.destroy();
      if (connection.endpoint !== undefined) return new S3Bucket(make('us-east-1'), target);
      throw new MageosError('ERR_PUBLISH', `no AWS region is set for ${targetLabel(target)}`, {
        hint: 'Set AWS_REGION (or region in ~/.aws/config), or give --region; for an S3-compatible store give --endpoint.',
        cause: error,
      });
    }
  }

  /** Every object under the prefix: key, size and ETag (a failed page starts the listing again). */
  async list(): Promise<Map<string, RemoteObject>> {
    const { bucket, prefix } = this.target;
    return this.retried('list', `${prefix}*`, async () => {
      const objects = new Map<string, RemoteObject>();
      for await (const page of paginateListObjectsV2({ client: this.client }, { Bucket: bucket, Prefix: prefix })) {
        for (const o of page.Contents ?? []) {
          if (o.Key !== undefined) objects.set(o.Key, { size: o.Size ?? 0, etag: (o.ETag ?? '').replace(/"/g, '') });
        }
      }
      return objects;
    });
  }

  /** Writes one file as one object and returns its ETag; the store checks the bytes against the MD5. */
  async put(key: string, file: string, size: number, md5: string, sha256: string, headers: ObjectHeaders): Promise<string> {
    return this.retried('upload', key, async () => {
      const reply = await this.client.send(
        new PutObjectCommand({
          Bucket: this.target.bucket,
          Key: key,
          Body: createReadStream(file),
          ContentLength: size,
          ContentMD5: Buffer.from(md5, 'hex').toString('base64'),
          ContentType: headers.contentType,
          CacheControl: headers.cacheControl,
          Metadata: { sha256 },
        }),
      );
      return (reply.ETag ?? '').replace(/"/g, '');
    });
  }

  /** Deletes keys, a thousand per request (the S3 limit). */
  async delete(keys: string[]): Promise<void> {
    for (let i = 0; i < keys.length; i += 1000) {
      const batch = keys.slice(i, i + 1000);
      await this.retried('delete', batch[0] as string, async () => {
        const reply = await this.client.send(new DeleteObjectsCommand({ Bucket: this.target.bucket, Delete: { Objects: batch.map((Key) => ({ Key })), Quiet: true } }));
        const failed = reply.Errors?.[0];
        if (failed !== undefined) throw Object.assign(new Error(failed.Message ?? 'refused'), { name: failed.Code ?? 'DeleteFailed', key: failed.Key });
      });
    }
  }

  close(): void {
    this.client.destroy();
  }

  private async retried<T>(what: string, key: string, run: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await run();
      } catch (error) {
        if (attempt >= ATTEMPTS || !transient(error)) throw this.problem(what, key, error);
        await new Promise((r) => setTimeout(r, 200 * 2 ** attempt));
      }
    }
  }

  private problem(what: string, key: string, error: unknown): MageosError {
    const name = (error as { name?: string })?.name ?? 'Error';
    const status = (error as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
    const where = `s3://${this.target.bucket}/${key}`;
    const message = `could not ${what} ${where}: ${name}${status === undefined ? '' : ` (HTTP ${status})`}: ${(error as Error)?.message ?? String(error)}`;
    return new MageosError('ERR_PUBLISH', message, { hint: hintFor(name, this.target.bucket), cause: error });
  }
}

function transient(error: unknown): boolean {
  const e = error as { name?: string; code?: string; $metadata?: { httpStatusCode?: number }; $retryable?: unknown };
  const status = e.$metadata?.httpStatusCode;
  if (status !== undefined) return status >= 500 || status === 429 || e.$retryable !== undefined;
  return ['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'TimeoutError', 'RequestTimeout'].includes(e.code ?? e.name ?? '');
}

function hintFor(name: string, bucket: string): string {
  if (name === 'NoSuchBucket') return `Create the bucket ${bucket} first (publish writes into an existing bucket), or correct its name.`;
  if (['InvalidAccessKeyId', 'SignatureDoesNotMatch', 'CredentialsProviderError', 'AccessDenied', 'Forbidden', 'ExpiredToken'].includes(name)) {
    return 'Check the credentials: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE and ~/.aws/credentials; they need to list, write and delete objects in the bucket.';
  }
  return 'Check --endpoint (or AWS_ENDPOINT_URL_S3) and the network; run the publish again: it uploads only what the bucket still lacks.';
}
