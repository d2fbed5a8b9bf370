import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { MageosError } from '../../core/errors.js';
import { CatFileParser, type CatFileResponse } from './cat-file-parser.js';
import { spawnGit, stderrSummary } from './git-command.js';

interface PendingRead {
  oid: string;
  type: 'blob' | 'tree';
  resolve: (content: Buffer) => void;
  reject: (error: Error) => void;
}

interface Unrefable {
  ref?: () => void;
  unref?: () => void;
}

const FULL_OID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

/**
 * Reads blobs (and trees) through one long-lived `git cat-file --batch`, started at the first read (a build
 * that finds nothing to do starts none); reads are pipelined and answered in order.
 */
export class BlobReader {
  private readonly pending: PendingRead[] = [];
  private head = 0;
  private readonly parser: CatFileParser;
  private stderr = '';
  private failure: MageosError | null = null;
  private closing = false;
  private batch: string[] = [];
  private child: ChildProcessWithoutNullStreams | null = null;
  private exited: Promise<void> = Promise.resolve();

  private constructor(readonly gitDir: string) {
    this.parser = new CatFileParser((response) => this.onResponse(response));
  }

  static async open(gitDir: string): Promise<BlobReader> {
    return new BlobReader(gitDir);
  }

  private start(): ChildProcessWithoutNullStreams {
    const child = spawnGit(this.gitDir, ['cat-file', '--batch']);
    this.child = child;
    child.stdout.on('data', (chunk: Buffer) => this.onData(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      if (this.stderr.length < 64 * 1024) this.stderr += chunk.toString('utf8');
    });
    child.stdin.on('error', () => {});
    this.exited = new Promise((resolve) => {
      child.on('close', (code, signal) => {
        this.fail(`exited (${signal ?? `exit code ${code ?? -1}`}): ${stderrSummary(this.stderr)}`);
        resolve();
      });
    });
    child.on('error', (error) => this.fail(`could not run: ${error.message}`, error));
    return child;
  }

  read(oid: string): Promise<Buffer> {
    return this.readObject(oid, 'blob');
  }

  /** The raw content of a tree object (entries as git stores them). */
  readTree(oid: string): Promise<Buffer> {
    return this.readObject(oid, 'tree');
  }

  private readObject(oid: string, type: PendingRead['type']): Promise<Buffer> {
    if (this.closing) return Promise.reject(new MageosError('ERR_GIT', `blob reader for ${this.gitDir} is closed`));
    if (this.failure !== null) return Promise.reject(this.failure);
    const normalized = oid.toLowerCase();
    if (!FULL_OID.test(normalized)) {
      return Promise.reject(new MageosError('ERR_GIT', `"${oid}" is not a full git object id`, {
        hint: 'Pass object ids as listed by git ls-tree.',
      }));
    }
    if (this.child === null) this.start();
    return new Promise((resolve, reject) => {
      if (this.pendingCount() === 0) this.setRef(true);
      this.pending.push({ oid: normalized, type, resolve, reject });
      this.write(`${normalized}\n`);
    });
  }

  async readText(oid: string): Promise<string> {
    return (await this.read(oid)).toString('utf8');
  }

  /** Lets outstanding reads finish, then stops the git process. */
  async close(): Promise<void> {
    if (!this.closing) {
      this.closing = true;
      this.setRef(true);
      this.sendBatch();
      this.child?.stdin.end();
    }
    await this.exited;
  }

  private write(line: string): void {
    // Oids requested in the same tick go to git in one write instead of one write each.
    if (this.batch.length === 0) process.nextTick(() => this.sendBatch());
    this.batch.push(line);
  }

  private sendBatch(): void {
    if (this.batch.length === 0) return;
    const lines = this.batch.join('');
    this.batch = [];
    this.child?.stdin.write(lines);
  }

  private onData(chunk: Buffer): void {
    try {
      this.parser.push(chunk);
    } catch (error) {
      this.fail((error as Error).message, error);
      this.child?.kill();
    }
  }

  private onResponse(response: CatFileResponse): void {
    const request = this.shift();
    if (request === undefined) throw new Error('git cat-file --batch: answer without a request');
    if (response.kind === 'object' && response.oid !== request.oid) {
      const message = `git cat-file --batch: answered ${response.oid} for ${request.oid}`;
      request.reject(new MageosError('ERR_GIT', message));
      throw new Error(message);
    }
    if (this.pendingCount() === 0 && !this.closing) this.setRef(false);
    if (response.kind !== 'object') {
      request.reject(new MageosError('ERR_GIT_OBJECT_MISSING', `object ${request.oid} is ${response.kind} in ${this.gitDir}`, {
        hint: 'The repository may be incomplete; fetch it again or run git fsck.',
      }));
    } else if (response.type !== request.type) {
      request.reject(new MageosError('ERR_GIT', `object ${request.oid} in ${this.gitDir} is a ${response.type}, not a ${request.type}`));
    } else {
      request.resolve(response.content);
    }
  }

  private fail(reason: string, cause?: unknown): void {
    if (this.failure === null) {
      this.failure = new MageosError('ERR_GIT', `git cat-file --batch for ${this.gitDir} ${reason}`, {
        hint: 'Check that the repository exists and is readable.',
        cause,
        details: { stderr: this.stderr },
      });
    }
    const failure = this.failure;
    for (let request = this.shift(); request !== undefined; request = this.shift()) request.reject(failure);
  }

  private shift(): PendingRead | undefined {
    const request = this.pending[this.head];
    if (request === undefined) return undefined;
    this.head += 1;
    if (this.head === this.pending.length) {
      this.pending.length = 0;
      this.head = 0;
    } else if (this.head >= 1024 && this.head * 2 >= this.pending.length) {
      this.pending.splice(0, this.head);
      this.head = 0;
    }
    return request;
  }

  private pendingCount(): number {
    return this.pending.length - this.head;
  }

  // An idle reader must not keep the program alive when a caller forgets close().
  private setRef(ref: boolean): void {
    if (this.child === null) return;
    const handles: object[] = [this.child, this.child.stdin, this.child.stdout, this.child.stderr];
    for (const handle of handles) (handle as Unrefable)[ref ? 'ref' : 'unref']?.call(handle);
  }
}
