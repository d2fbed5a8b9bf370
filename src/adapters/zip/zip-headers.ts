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

/** The run of fields both headers carry, from "version needed" to "name length" (22 bytes). */
function writeSharedFields(b: Buffer, at: number, r: EntryRecord): void {
  b.writeUInt16LE(r.versionNeeded, at);
  b.writeUInt16LE(r.flags, at + 2);
  b.writeUInt16LE(r.method, at + 4);
  b.writeUInt16LE(DOS_TIME, at + 6);
  b.writeUInt16LE(DOS_DATE, at + 8);
  b.writeUInt32LE(r.crc >>> 0, at + 10);
  b.writeUInt32LE(r.compressedSize, at + 14);
  b.writeUInt32LE(r.size, at + 18);
  b.writeUInt16LE(r.nameLength, at + 22);
}

/** Writes the local header and name of an entry at `at`; returns where they end. */
export function writeLocalHeader(b: Buffer, at: number, r: EntryRecord): number {
  b.writeUInt32LE(LOCAL_HEADER_SIGNATURE, at);
  writeSharedFields(b, at + 4, r);
  b.writeUInt16LE(0, at + 28); // extra field length
  b.write(r.name, at + LOCAL_HEADER_SIZE, r.nameLength, 'utf8');
  return at + LOCAL_HEADER_SIZE + r.nameLength;
}

/** Writes the central directory header and name of an entry at `at`; returns where they end. */
export function writeCentralHeader(b: Buffer, at: number, r: EntryRecord): number {
  b.writeUInt32LE(CENTRAL_HEADER_SIGNATURE, at);
  b.writeUInt16LE(VERSION_MADE_BY, at + 4);
  writeSharedFields(b, at + 6, r);
  b.fill(0, at + 30, at + 38); // extra and comment length, disk number start, internal attributes
  b.writeUInt32LE(r.externalAttributes >>> 0, at + 38);
  b.writeUInt32LE(r.offset, at + 42);
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
