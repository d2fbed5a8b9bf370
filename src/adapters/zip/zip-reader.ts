// Hand-written: reads the central directory of one-disk, non-zip64 archives, which is all this tool writes
// and all a Composer dist is in practice; yauzl would add a callback API for the same few lines.
import { open } from 'node:fs/promises';
import { inflateRawSync } from 'node:zlib';
import { MageosError } from '../../core/errors.js';
import {
  CENTRAL_HEADER_SIGNATURE, CENTRAL_HEADER_SIZE, END_OF_CENTRAL_DIRECTORY_SIGNATURE, END_OF_CENTRAL_DIRECTORY_SIZE,
  LOCAL_HEADER_SIGNATURE, LOCAL_HEADER_SIZE, METHOD_DEFLATE, METHOD_STORED, MSDOS_DIRECTORY,
} from './zip-format.js';

export interface ZipEntryInfo {
  name: string;
  method: number;
  flags: number;
  versionMadeBy: number;
  versionNeeded: number;
  crc32: number;
  compressedSize: number;
  size: number;
  externalAttributes: number;
  isDirectory: boolean;
  /** Unix permission bits from the external attributes (0 when the archive was made elsewhere). */
  mode: number;
  localHeaderOffset: number;
}

const MAX_COMMENT = 0xffff;

function invalid(file: string, what: string): MageosError {
  return new MageosError('ERR_ARCHIVE_ENTRY_INVALID', `${file} is not a valid zip archive: ${what}`, {
    hint: 'Delete the file and build again, or fetch it anew.',
  });
}

/** Random access to a zip's bytes: an open file, or a buffer (a zip read from git). */
interface ZipBytes {
  size: number;
  read(position: number, length: number): Promise<Buffer>;
}

async function withFile<T>(file: string, use: (bytes: ZipBytes) => Promise<T>): Promise<T> {
  const handle = await open(file, 'r');
  try {
    const { size } = await handle.stat();
    return await use({
      size,
      read: async (position, length) => {
        const buffer = Buffer.alloc(length);
        await handle.read(buffer, 0, length, position);
        return buffer;
      },
    });
  } finally {
    await handle.close();
  }
}

function inMemory(data: Buffer): ZipBytes {
  return { size: data.length, read: async (position, length) => data.subarray(position, Math.min(position + length, data.length)) };
}

/** Lists the entries of a zip archive from its central directory, in archive order. */
export async function readZipEntries(file: string): Promise<ZipEntryInfo[]> {
  return withFile(file, (bytes) => entriesOf(bytes, file));
}

/** Lists the entries of a zip held in memory (such as a git blob); `label` names it in errors. */
export async function readZipBufferEntries(data: Buffer, label: string): Promise<ZipEntryInfo[]> {
  return entriesOf(inMemory(data), label);
}

async function entriesOf(bytes: ZipBytes, file: string): Promise<ZipEntryInfo[]> {
  const { size } = bytes;
  if (size < END_OF_CENTRAL_DIRECTORY_SIZE) throw invalid(file, 'too short');
  const tailLength = Math.min(size, END_OF_CENTRAL_DIRECTORY_SIZE + MAX_COMMENT);
  const tail = await bytes.read(size - tailLength, tailLength);
  let eocd = -1;
  for (let i = tailLength - END_OF_CENTRAL_DIRECTORY_SIZE; i >= 0; i--) {
    if (tail.readUInt32LE(i) === END_OF_CENTRAL_DIRECTORY_SIGNATURE) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw invalid(file, 'no end of central directory record');
  const count = tail.readUInt16LE(eocd + 10);
  const cdSize = tail.readUInt32LE(eocd + 12);
  const cdOffset = tail.readUInt32LE(eocd + 16);
  if (cdOffset + cdSize > size) throw invalid(file, 'central directory outside the file');
  return parseCentralDirectory(file, await bytes.read(cdOffset, cdSize), count);
}

function parseCentralDirectory(file: string, cd: Buffer, count: number): ZipEntryInfo[] {
  const entries: ZipEntryInfo[] = [];
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + CENTRAL_HEADER_SIZE > cd.length || cd.readUInt32LE(p) !== CENTRAL_HEADER_SIGNATURE) throw invalid(file, `central directory entry ${i} is damaged`);
    const flags = cd.readUInt16LE(p + 8);
    const nameLength = cd.readUInt16LE(p + 28);
    const extraLength = cd.readUInt16LE(p + 30);
    const commentLength = cd.readUInt16LE(p + 32);
    const externalAttributes = cd.readUInt32LE(p + 38);
    const name = cd.subarray(p + CENTRAL_HEADER_SIZE, p + CENTRAL_HEADER_SIZE + nameLength).toString(flags & 0x0800 ? 'utf8' : 'latin1');
    entries.push({
      name,
      versionMadeBy: cd.readUInt16LE(p + 4),
      versionNeeded: cd.readUInt16LE(p + 6),
      flags,
      method: cd.readUInt16LE(p + 10),
      crc32: cd.readUInt32LE(p + 16),
      compressedSize: cd.readUInt32LE(p + 20),
      size: cd.readUInt32LE(p + 24),
      externalAttributes,
      isDirectory: name.endsWith('/') || (externalAttributes & MSDOS_DIRECTORY) !== 0,
      mode: (externalAttributes >>> 16) & 0o7777,
      localHeaderOffset: cd.readUInt32LE(p + 42),
    });
    p += CENTRAL_HEADER_SIZE + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Reads one entry's bytes, or null when the archive has no entry of that name. */
export async function readZipEntry(file: string, name: string): Promise<Buffer | null> {
  const entry = (await readZipEntries(file)).find((e) => e.name === name);
  return entry === undefined ? null : readZipEntryData(file, entry);
}

/**
 * Reads and, if needed, inflates the bytes of an entry listed by `readZipEntries`; with `maxBytes`, an entry
 * that inflates past it is an invalid archive (its recorded size lied), not that much memory.
 */
export async function readZipEntryData(file: string, entry: ZipEntryInfo, options: { maxBytes?: number } = {}): Promise<Buffer> {
  return withFile(file, (bytes) => entryDataOf(bytes, file, entry, options.maxBytes));
}

/** Reads one entry of a zip held in memory, as listed by `readZipBufferEntries`. */
export async function readZipBufferEntryData(data: Buffer, label: string, entry: ZipEntryInfo): Promise<Buffer> {
  return entryDataOf(inMemory(data), label, entry);
}

async function entryDataOf(bytes: ZipBytes, file: string, entry: ZipEntryInfo, maxBytes = Number.POSITIVE_INFINITY): Promise<Buffer> {
  const header = await bytes.read(entry.localHeaderOffset, LOCAL_HEADER_SIZE);
  if (header.length < LOCAL_HEADER_SIZE || header.readUInt32LE(0) !== LOCAL_HEADER_SIGNATURE) throw invalid(file, `local header of "${entry.name}" is damaged`);
  const dataStart = entry.localHeaderOffset + LOCAL_HEADER_SIZE + header.readUInt16LE(26) + header.readUInt16LE(28);
  if (dataStart + entry.compressedSize > bytes.size) throw invalid(file, `entry "${entry.name}" ends outside the file`);
  const raw = await bytes.read(dataStart, entry.compressedSize);
  if (entry.method === METHOD_STORED) {
    if (raw.length > maxBytes) throw invalid(file, `entry "${entry.name}" is larger than ${maxBytes} bytes`);
    return raw;
  }
  if (entry.method === METHOD_DEFLATE) {
    try {
      return inflateRawSync(raw, Number.isFinite(maxBytes) ? { maxOutputLength: maxBytes } : {});
    } catch (cause) {
      const reason = (cause as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' ? `inflates past ${maxBytes} bytes` : `cannot be inflated (${(cause as Error).message})`;
      throw invalid(file, `entry "${entry.name}" ${reason}`);
    }
  }
  throw invalid(file, `entry "${entry.name}" uses compression method ${entry.method}`);
}
