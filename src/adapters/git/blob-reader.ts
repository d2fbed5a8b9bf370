import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { MageosError } from '../../core/errors.js';
import { CatFileParser, type CatFileResponse } from './cat-file-parser.js';
import { spawnGit, stderrSummary } from './git-command.js';

interface PendingRead {
  oid: string;
  resolve: (content: Buffer) => void;
  reject: (error: Error) => void;
}

interface Unrefable {
  ref?: () => void;
  unref?: () => void;
}

const FULL_OID = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

/** Reads blobs through one long-lived `git cat-file --batch`; reads are pipelined and answered in order. */
export class BlobReader {
  private readonly pending: PendingRead[] = [];
  private head = 0;
  private readonly parser: CatFileParser;
  private stderr = '';
  private failure: MageosError | null = null;
  private closing = false;
  private corked = false;
  private readonly exited: Promise<void>;

  private constructor(
    readonly gitDir: string,
    private readonly child: ChildProcessWithoutNullStreams,
  ) {
    this.parser = new CatFileParser((response) => this.onResponse(response));
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
  }

  static open(gitDir: string): Promise<BlobReader> {
    const reader = new BlobReader(gitDir, spawnGit(gitDir, ['cat-file', '--batch']));
    return new Promise((resolve, reject) => {
      reader.child.once('spawn', () => {
        reader.setRef(false);
        resolve(reader);
      });
      reader.child.once('error', () => reject(reader.failure));
    });
  }

  read(oid: string): Promise<Buffer> {
    if (this.closing) return Promise.reject(new MageosError('ERR_GIT', `blob reader for ${this.gitDir} is closed`));
    if (this.failure !== null) return Promise.reject(this.failure);
    const normalized = oid.toLowerCase();
    if (!FULL_OID.test(normalized)) {
      return Promise.reject(new MageosError('ERR_GIT', `"${oid}" is not a full git object id`, {
        hint: 'Pass object ids as listed by git ls-tree.',
      }));
    }
    return new Promise((resolve, reject) => {
      if (this.pendingCount() === 0) this.setRef(true);
      this.pending.push({ oid: normalized, resolve, reject });
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
      this.child.stdin.end();
    }
    await this.exited;
  }

  private write(line: string): void {
    const stdin = this.child.stdin;
    // Oids requested in the same tick go to git in one write instead of one write each.
    if (!this.corked) {
      this.corked = true;
      stdin.cork();
      process.nextTick(() => {
        this.corked = false;
        stdin.uncork();
      });
    }
    stdin.write(line);
  }

  private onData(chunk: Buffer): void {
    try {
      this.parser.push(chunk);
    } catch (error) {
      this.fail((error as Error).message, error);
      this.child.kill();
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
    } else if (response.type !== 'blob') {
      request.reject(new MageosError('ERR_GIT', `object ${request.oid} in ${this.gitDir} is a ${response.type}, not a blob`));
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
    const handles: object[] = [this.child, this.child.stdin, this.child.stdout, this.child.stderr];
    for (const handle of handles) (handle as Unrefable)[ref ? 'ref' : 'unref']?.call(handle);
  }
}
