// Hand-written: yazl and archiver cannot produce the exact header fields of the public archives (version
// made by, version needed 10, fixed DOS time, mode-only external attributes), which lock files pin by sha1.
import { createHash, type Hash } from 'node:crypto';
import { closeSync, open, rmSync, writevSync } from 'node:fs';
import { crc32 as computeCrc32, deflateRawSync } from 'node:zlib';
import { MageosError } from '../../core/errors.js';
import {
  CENTRAL_HEADER_SIZE, FLAG_UTF8, LOCAL_HEADER_SIZE, MAX_ENTRIES, MAX_SIZE, METHOD_DEFLATE, METHOD_STORED, MSDOS_DIRECTORY,
  VERSION_NEEDED_DEFLATE, VERSION_NEEDED_STORED,
} from './zip-format.js';
import { endOfCentralDirectory, type EntryRecord, writeCentralHeader, writeLocalHeader } from './zip-headers.js';

/** `mageos`: stored entries, byte-identical to the public Mage-OS archives. `deflate`: compressed, equally deterministic. */
export type ArchiveFormat = 'mageos' | 'deflate';

const FLUSH_BYTES = 1024 * 1024;
const STAGING_BYTES = 64 * 1024;
/** Bodies up to this size are copied behind their header: a small file then costs no write and no hash call of its own. */
const COPY_UP_TO = 8 * 1024;
const CENTRAL_BYTES = 16 * 1024;
/** Staging and central directory buffers of finished archives, reused by the next ones. */
const spare: { staging: Buffer[]; central: Buffer[] } = { staging: [], central: [] };
/** Enough for the staging buffers of a flush (1 MiB) of each archive in writing: fresh memory costs a page fault per 4 KiB. */
const MAX_SPARE = 64;

function reuse(pool: Buffer[], buffer: Buffer, size: number): void {
  if (buffer.length === size && pool.length < MAX_SPARE) pool.push(buffer);
}

/** The body of every directory entry. */
const NO_BYTES = Buffer.alloc(0);

export interface AddFileOptions {
  executable: boolean;
  /** The CRC-32 of `data`, when the caller already knows it. */
  crc32?: number;
  /** Raw-deflated `data`, when the caller already compressed it (deflate format only). */
  compressed?: Buffer;
}

/** Compresses one entry's bytes the way the `deflate` format stores them. */
export function deflateEntry(data: Buffer): Buffer {
  return deflateRawSync(data, { level: 6 });
}

/** Writes every byte of `chunks` at the file's current position (a short write is continued). */
function writeAllSync(fd: number, chunks: Buffer[]): void {
  let pending = chunks;
  while (pending.length > 0) {
    let written = writevSync(fd, pending);
    const rest: Buffer[] = [];
    for (const chunk of pending) {
      if (written >= chunk.length) written -= chunk.length;
      else {
        rest.push(written === 0 ? chunk : chunk.subarray(written));
        written = 0;
      }
    }
    pending = rest;
  }
}

/**
 * Writes a zip file front to back, keeping only the central directory in memory. File calls are synchronous
 * (cheaper than a thread-pool round trip each on small archives). Getting the bytes onto the disk (fsync) is the
 * caller's, before it renames the file into place.
 */
export class ZipWriter {
  private readonly hash: Hash = createHash('sha1');
  /** Headers and small bodies are staged here; `cut` marks what is already queued for writing. */
  private staging = spare.staging.pop() ?? Buffer.allocUnsafe(STAGING_BYTES);
  private used = 0;
  private cut = 0;
  /** Full staging buffers queued for writing: free for reuse once written. */
  private filled: Buffer[] = [];
  private queued: Buffer[] = [];
  private queuedBytes = 0;
  private central = spare.central.pop() ?? Buffer.allocUnsafe(CENTRAL_BYTES);
  private centralUsed = 0;
  private entries = 0;
  private offset = 0;
  private closed = false;

  private constructor(
    private readonly path: string,
    private readonly format: ArchiveFormat,
    private readonly fd: number,
  ) {}

  /**
   * Opens the file in libuv's thread pool: creating a file waits for the file system's journal while other files are
   * synced (1.1 ms an archive, 2.8 s of the build's thread at history scale when it was opened synchronously).
   */
  static async create(path: string, format: ArchiveFormat): Promise<ZipWriter> {
    const fd = await new Promise<number>((resolve, reject) => open(path, 'wx', (error, opened) => (error ? reject(error) : resolve(opened))));
    return new ZipWriter(path, format, fd);
  }

  addFile(name: string, data: Buffer, options: AddFileOptions): void {
    const crc = options.crc32 ?? computeCrc32(data);
    let method = METHOD_STORED;
    let body = data;
    if (this.format === 'deflate' && data.length > 0) {
      const compressed = options.compressed ?? deflateEntry(data);
      if (compressed.length < data.length) {
        method = METHOD_DEFLATE;
        body = compressed;
      }
    }
    const mode = options.executable ? 0o755 : 0o644;
    this.addEntry(name, body, { method, crc, size: data.length, externalAttributes: (mode << 16) >>> 0 });
  }

  addDirectory(name: string, mode: number): void {
    const dirName = name.endsWith('/') ? name : `${name}/`;
    this.addEntry(dirName, NO_BYTES, { method: METHOD_STORED, crc: 0, size: 0, externalAttributes: ((mode << 16) | MSDOS_DIRECTORY) >>> 0 });
  }

  /** Writes the central directory, closes the file (not yet synced to disk) and returns its size and sha1. */
  async finish(): Promise<{ size: number; sha1: string }> {
    const start = this.offset;
    this.cutStaging();
    this.enqueue(this.central.subarray(0, this.centralUsed));
    const end = endOfCentralDirectory(this.entries, this.centralUsed, start);
    this.enqueue(end);
    this.offset += this.centralUsed + end.length;
    this.flush();
    this.closed = true;
    closeSync(this.fd);
    // Everything queued is written: the buffers can serve the next archive.
    reuse(spare.staging, this.staging, STAGING_BYTES);
    reuse(spare.central, this.central, CENTRAL_BYTES);
    return { size: this.offset, sha1: this.hash.digest('hex') };
  }

  /** Closes and deletes the partly written file. */
  async abort(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      try {
        closeSync(this.fd);
      } catch {
        // already unusable: deleting the file is what matters
      }
    }
    rmSync(this.path, { force: true });
  }

  private addEntry(name: string, body: Buffer, e: { method: number; crc: number; size: number; externalAttributes: number }): void {
    if (this.entries >= MAX_ENTRIES) this.tooLarge(`more than ${MAX_ENTRIES} entries`);
    if (e.size > MAX_SIZE || this.offset + body.length > MAX_SIZE) this.tooLarge('more than 4 GiB');
    const record: EntryRecord = {
      name,
      nameLength: Buffer.byteLength(name, 'utf8'),
      flags: /^[\x20-\x7e]*$/.test(name) ? 0 : FLAG_UTF8,
      method: e.method,
      versionNeeded: e.method === METHOD_DEFLATE ? VERSION_NEEDED_DEFLATE : VERSION_NEEDED_STORED,
      crc: e.crc,
      compressedSize: body.length,
      size: e.size,
      externalAttributes: e.externalAttributes,
      offset: this.offset,
    };
    this.entries++;
    this.reserve(LOCAL_HEADER_SIZE + record.nameLength);
    this.used = writeLocalHeader(this.staging, this.used, record);
    if (body.length > 0 && body.length <= COPY_UP_TO) {
      this.reserve(body.length);
      // TypedArray#set: Buffer#copy checks its arguments in JavaScript first, a cost on thousands of small files.
      this.staging.set(body, this.used);
      this.used += body.length;
    } else if (body.length > 0) {
      this.cutStaging();
      this.enqueue(body);
    }
    this.offset += LOCAL_HEADER_SIZE + record.nameLength + body.length;
    this.addCentralRecord(record);
    if (this.queuedBytes + this.used - this.cut >= FLUSH_BYTES) this.flush();
  }

  private addCentralRecord(record: EntryRecord): void {
    const needed = this.centralUsed + CENTRAL_HEADER_SIZE + record.nameLength;
    if (needed > this.central.length) {
      const bigger = Buffer.allocUnsafe(Math.max(needed, this.central.length * 2));
      this.central.copy(bigger, 0, 0, this.centralUsed);
      this.central = bigger;
    }
    this.centralUsed = writeCentralHeader(this.central, this.centralUsed, record);
  }

  private tooLarge(what: string): never {
    throw new MageosError('ERR_ARCHIVE_ENTRY_INVALID', `Archive ${this.path} would hold ${what}, which needs zip64`, {
      hint: 'Split the package with package rules, or exclude large files.',
    });
  }

  /** Makes room for `bytes` more in the staging buffer; a full one is queued whole and replaced. */
  private reserve(bytes: number): void {
    if (this.used + bytes <= this.staging.length) return;
    this.cutStaging();
    this.filled.push(this.staging);
    this.staging = (bytes <= STAGING_BYTES ? spare.staging.pop() : undefined) ?? Buffer.allocUnsafe(Math.max(STAGING_BYTES, bytes));
    this.used = 0;
    this.cut = 0;
  }

  /** Queues the staged bytes not queued yet, so that what follows is written after them. */
  private cutStaging(): void {
    if (this.used === this.cut) return;
    this.enqueue(this.staging.subarray(this.cut, this.used));
    this.cut = this.used;
  }

  private enqueue(chunk: Buffer): void {
    this.queued.push(chunk);
    this.queuedBytes += chunk.length;
    this.hash.update(chunk);
  }

  private flush(): void {
    this.cutStaging();
    if (this.queued.length === 0) return;
    const chunks = this.queued;
    this.queued = [];
    this.queuedBytes = 0;
    writeAllSync(this.fd, chunks);
    // Written: the staging buffer can be filled again from its start, the full ones serve the next archives.
    this.used = 0;
    this.cut = 0;
    for (const buffer of this.filled) reuse(spare.staging, buffer, STAGING_BYTES);
    this.filled = [];
  }
}
