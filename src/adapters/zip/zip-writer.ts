// Hand-written: yazl and archiver cannot produce the exact header fields of the public archives (version
// made by, version needed 10, fixed DOS time, mode-only external attributes), which lock files pin by sha1.
import { createHash, type Hash } from 'node:crypto';
import { open, rm, type FileHandle } from 'node:fs/promises';
import { crc32 as computeCrc32, deflateRawSync } from 'node:zlib';
import { MageosError } from '../../core/errors.js';
import {
  CENTRAL_HEADER_SIGNATURE, CENTRAL_HEADER_SIZE, DOS_DATE, DOS_TIME, END_OF_CENTRAL_DIRECTORY_SIGNATURE, END_OF_CENTRAL_DIRECTORY_SIZE,
  FLAG_UTF8, LOCAL_HEADER_SIGNATURE, LOCAL_HEADER_SIZE, MAX_ENTRIES, MAX_SIZE, METHOD_DEFLATE, METHOD_STORED, MSDOS_DIRECTORY,
  VERSION_MADE_BY, VERSION_NEEDED_DEFLATE, VERSION_NEEDED_STORED,
} from './zip-format.js';

/** `mageos`: stored entries, byte-identical to the public Mage-OS archives. `deflate`: compressed, equally deterministic. */
export type ArchiveFormat = 'mageos' | 'deflate';

const FLUSH_BYTES = 1024 * 1024;

export interface AddFileOptions {
  executable: boolean;
  /** The CRC-32 of `data`, when the caller already knows it. */
  crc32?: number;
  /** Raw-deflated `data`, when the caller already compressed it (deflate format only). */
  compressed?: Buffer;
}

interface CentralRecord {
  name: Buffer;
  flags: number;
  method: number;
  versionNeeded: number;
  crc: number;
  compressedSize: number;
  size: number;
  externalAttributes: number;
  offset: number;
}

/** Compresses one entry's bytes the way the `deflate` format stores them. */
export function deflateEntry(data: Buffer): Buffer {
  return deflateRawSync(data, { level: 6 });
}

/** Writes a zip file front to back, keeping only the central directory in memory. */
export class ZipWriter {
  private readonly records: CentralRecord[] = [];
  private readonly hash: Hash = createHash('sha1');
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private offset = 0;
  private closed = false;

  private constructor(
    private readonly path: string,
    private readonly format: ArchiveFormat,
    private readonly file: FileHandle,
  ) {}

  static async create(path: string, format: ArchiveFormat): Promise<ZipWriter> {
    return new ZipWriter(path, format, await open(path, 'wx'));
  }

  async addFile(name: string, data: Buffer, options: AddFileOptions): Promise<void> {
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
    await this.addEntry(name, body, { method, crc, size: data.length, externalAttributes: (mode << 16) >>> 0 });
  }

  async addDirectory(name: string, mode: number): Promise<void> {
    const dirName = name.endsWith('/') ? name : `${name}/`;
    await this.addEntry(dirName, Buffer.alloc(0), { method: METHOD_STORED, crc: 0, size: 0, externalAttributes: ((mode << 16) | MSDOS_DIRECTORY) >>> 0 });
  }

  /** Writes the central directory, closes the file and returns its size and sha1. */
  async finish(): Promise<{ size: number; sha1: string }> {
    const start = this.offset;
    for (const r of this.records) this.push(centralHeader(r));
    const centralSize = this.offset - start;
    this.push(endOfCentralDirectory(this.records.length, centralSize, start));
    await this.flush();
    await this.file.sync();
    await this.file.close();
    this.closed = true;
    return { size: this.offset, sha1: this.hash.digest('hex') };
  }

  /** Closes and deletes the partly written file. */
  async abort(): Promise<void> {
    if (!this.closed) {
      this.closed = true;
      await this.file.close().catch(() => undefined);
    }
    await rm(this.path, { force: true });
  }

  private async addEntry(nameText: string, body: Buffer, e: { method: number; crc: number; size: number; externalAttributes: number }): Promise<void> {
    if (this.records.length >= MAX_ENTRIES) this.tooLarge(`more than ${MAX_ENTRIES} entries`);
    if (e.size > MAX_SIZE || this.offset + body.length > MAX_SIZE) this.tooLarge('more than 4 GiB');
    const name = Buffer.from(nameText, 'utf8');
    const record: CentralRecord = {
      name,
      flags: /^[\x20-\x7e]*$/.test(nameText) ? 0 : FLAG_UTF8,
      method: e.method,
      versionNeeded: e.method === METHOD_DEFLATE ? VERSION_NEEDED_DEFLATE : VERSION_NEEDED_STORED,
      crc: e.crc,
      compressedSize: body.length,
      size: e.size,
      externalAttributes: e.externalAttributes,
      offset: this.offset,
    };
    this.records.push(record);
    this.push(localHeader(record));
    this.push(name);
    if (body.length > 0) this.push(body);
    if (this.pendingBytes >= FLUSH_BYTES) await this.flush();
  }

  private tooLarge(what: string): never {
    throw new MageosError('ERR_ARCHIVE_ENTRY_INVALID', `Archive ${this.path} would hold ${what}, which needs zip64`, {
      hint: 'Split the package with package rules, or exclude large files.',
    });
  }

  private push(chunk: Buffer): void {
    this.pending.push(chunk);
    this.pendingBytes += chunk.length;
    this.offset += chunk.length;
    this.hash.update(chunk);
  }

  private async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const chunks = this.pending;
    this.pending = [];
    this.pendingBytes = 0;
    await this.file.writev(chunks);
  }
}

function localHeader(r: CentralRecord): Buffer {
  const b = Buffer.alloc(LOCAL_HEADER_SIZE);
  b.writeUInt32LE(LOCAL_HEADER_SIGNATURE, 0);
  b.writeUInt16LE(r.versionNeeded, 4);
  b.writeUInt16LE(r.flags, 6);
  b.writeUInt16LE(r.method, 8);
  b.writeUInt16LE(DOS_TIME, 10);
  b.writeUInt16LE(DOS_DATE, 12);
  b.writeUInt32LE(r.crc >>> 0, 14);
  b.writeUInt32LE(r.compressedSize, 18);
  b.writeUInt32LE(r.size, 22);
  b.writeUInt16LE(r.name.length, 26);
  b.writeUInt16LE(0, 28);
  return b;
}

function centralHeader(r: CentralRecord): Buffer {
  const b = Buffer.alloc(CENTRAL_HEADER_SIZE + r.name.length);
  b.writeUInt32LE(CENTRAL_HEADER_SIGNATURE, 0);
  b.writeUInt16LE(VERSION_MADE_BY, 4);
  b.writeUInt16LE(r.versionNeeded, 6);
  b.writeUInt16LE(r.flags, 8);
  b.writeUInt16LE(r.method, 10);
  b.writeUInt16LE(DOS_TIME, 12);
  b.writeUInt16LE(DOS_DATE, 14);
  b.writeUInt32LE(r.crc >>> 0, 16);
  b.writeUInt32LE(r.compressedSize, 20);
  b.writeUInt32LE(r.size, 24);
  b.writeUInt16LE(r.name.length, 28);
  // extra length, comment length, disk number start, internal attributes: all 0
  b.writeUInt32LE(r.externalAttributes >>> 0, 38);
  b.writeUInt32LE(r.offset, 42);
  r.name.copy(b, CENTRAL_HEADER_SIZE);
  return b;
}

function endOfCentralDirectory(count: number, size: number, offset: number): Buffer {
  const b = Buffer.alloc(END_OF_CENTRAL_DIRECTORY_SIZE);
  b.writeUInt32LE(END_OF_CENTRAL_DIRECTORY_SIGNATURE, 0);
  b.writeUInt16LE(count, 8);
  b.writeUInt16LE(count, 10);
  b.writeUInt32LE(size, 12);
  b.writeUInt32LE(offset, 16);
  return b;
}
