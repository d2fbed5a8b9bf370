import {
  CENTRAL_HEADER_SIGNATURE, CENTRAL_HEADER_SIZE, DOS_DATE, DOS_TIME, END_OF_CENTRAL_DIRECTORY_SIGNATURE, END_OF_CENTRAL_DIRECTORY_SIZE,
  LOCAL_HEADER_SIGNATURE, LOCAL_HEADER_SIZE, VERSION_MADE_BY,
} from './zip-format.js';

/** What the local and the central header of one entry say. */
export interface EntryRecord {
  name: string;
  /** Bytes of the UTF-8 name. */
  nameLength: number;
  flags: number;
  method: number;
  versionNeeded: number;
  crc: number;
  compressedSize: number;
  size: number;
  externalAttributes: number;
  /** Where the local header starts. */
  offset: number;
}

// Header fields are stored byte by byte: Buffer#writeUInt16LE and friends check their arguments in JavaScript,
// which cost more than the stores on the thousands of entries of a build (the values here are in range).
function u16(b: Buffer, at: number, value: number): void {
  b[at] = value & 0xff;
  b[at + 1] = (value >>> 8) & 0xff;
}

function u32(b: Buffer, at: number, value: number): void {
  b[at] = value & 0xff;
  b[at + 1] = (value >>> 8) & 0xff;
  b[at + 2] = (value >>> 16) & 0xff;
  b[at + 3] = (value >>> 24) & 0xff;
}

/** The run of fields both headers carry, from "version needed" to "name length" (22 bytes). */
function writeSharedFields(b: Buffer, at: number, r: EntryRecord): void {
  u16(b, at, r.versionNeeded);
  u16(b, at + 2, r.flags);
  u16(b, at + 4, r.method);
  u16(b, at + 6, DOS_TIME);
  u16(b, at + 8, DOS_DATE);
  u32(b, at + 10, r.crc);
  u32(b, at + 14, r.compressedSize);
  u32(b, at + 18, r.size);
  u16(b, at + 22, r.nameLength);
}

/** Writes the local header and name of an entry at `at`; returns where they end. */
export function writeLocalHeader(b: Buffer, at: number, r: EntryRecord): number {
  u32(b, at, LOCAL_HEADER_SIGNATURE);
  writeSharedFields(b, at + 4, r);
  u16(b, at + 28, 0); // extra field length
  b.write(r.name, at + LOCAL_HEADER_SIZE, r.nameLength, 'utf8');
  return at + LOCAL_HEADER_SIZE + r.nameLength;
}

/** Writes the central directory header and name of an entry at `at`; returns where they end. */
export function writeCentralHeader(b: Buffer, at: number, r: EntryRecord): number {
  u32(b, at, CENTRAL_HEADER_SIGNATURE);
  u16(b, at + 4, VERSION_MADE_BY);
  writeSharedFields(b, at + 6, r);
  u32(b, at + 30, 0); // extra and comment length
  u32(b, at + 34, 0); // disk number start, internal attributes
  u32(b, at + 38, r.externalAttributes);
  u32(b, at + 42, r.offset);
  b.write(r.name, at + CENTRAL_HEADER_SIZE, r.nameLength, 'utf8');
  return at + CENTRAL_HEADER_SIZE + r.nameLength;
}

export function endOfCentralDirectory(count: number, size: number, offset: number): Buffer {
  const b = Buffer.alloc(END_OF_CENTRAL_DIRECTORY_SIZE);
  b.writeUInt32LE(END_OF_CENTRAL_DIRECTORY_SIGNATURE, 0);
  b.writeUInt16LE(count, 8);
  b.writeUInt16LE(count, 10);
  b.writeUInt32LE(size, 12);
  b.writeUInt32LE(offset, 16);
  return b;
}
