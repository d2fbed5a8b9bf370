import { crc32 } from 'node:zlib';
import { archiveLayout } from '../../core/archive/entry-order.js';
import { MageosError } from '../../core/errors.js';
import { Generations } from '../../core/generations.js';
import type { ArtifactFile, PlannedArtifact } from '../../core/plan/types.js';
import { type ArchiveFormat, deflateEntry, ZipWriter } from '../../adapters/zip/zip-writer.js';
import type { BlobReader } from '../../adapters/git/blob-reader.js';

/** How many blob reads one archive keeps in flight, so git streams while we write. */
const READ_AHEAD = 64;
/**
 * CRC-32s remembered by blob id, in two generations of this many: enough for the versions of the packages in writing
 * (written one after another), where the repeats are. 200,000 in one map held 25 MB at the end of a synthetic Magento
 * history's build (bench:history), for CRC-32 work that costs less than reading the blob from git again.
 */
const CHECKSUM_GENERATION = 25_000;
const MAX_CACHED_COMPRESSED_BYTES = 64 * 1024 * 1024;
/**
 * File contents kept by blob id: the versions of a package share most of their files, so most reads are repeats.
 * The versions of magento2-base, a synthetic Magento history's largest package (bench:history), share ~30 MB of
 * small files, read in the same order by each: a memory much smaller than that keeps little of what the next version
 * asks for. 8 MB: 1.2 GB read from git in the write phase; 32 MB: the write phase 15% shorter in alternating runs
 * (17.8-19.7 s against 21.9-23.0 s) and peak RSS 275-281 MiB instead of 255-262; 64 MB: 14-15 s, but 321-323 MiB.
 */
const MAX_CACHED_BLOB_BYTES = 32 * 1024 * 1024;
const MAX_CACHED_BLOB_SIZE = 256 * 1024;

/** What a file's bytes cost to prepare, remembered by blob id across the versions of a build. */
export class EntryCache {
  private readonly checksums = new Generations<string, number>(() => 1, CHECKSUM_GENERATION);
  private readonly compressed = new Map<string, Buffer>();
  private compressedBytes = 0;
  /** Reads in flight, shared by the archives that ask for the same blob. */
  private readonly reading = new Map<string, Promise<Buffer>>();
  /**
   * Blobs read lately, in two generations of half the budget each. No walk over the entries: with one map in
   * least-recently-used order, letting go of the oldest walked over the holes of the entries deleted before
   * (2.1 s of a 40 s write phase at history scale).
   */
  private readonly blobs = new Generations<string, Buffer>((data) => data.length, MAX_CACHED_BLOB_BYTES / 2);

  /**
   * The blob's bytes: the Buffer itself when a recent archive read them (no await needed), else a read through
   * `read`, shared with any other archive that asks for the same blob meanwhile.
   */
  blob(oid: string, read: () => Promise<Buffer>): Buffer | Promise<Buffer> {
    const known = this.blobs.get(oid) ?? this.reading.get(oid);
    if (known !== undefined) return known;
    const reading = read();
    this.reading.set(oid, reading);
    reading.then(
      (data) => {
        this.reading.delete(oid);
        // A blob is often a view of a larger chunk of git's output: kept as it is, it would keep the whole chunk alive.
        if (data.length <= MAX_CACHED_BLOB_SIZE) this.blobs.set(oid, data.buffer.byteLength > data.length * 2 ? Buffer.from(data) : data);
      },
      () => this.reading.delete(oid),
    );
    return reading;
  }

  checksum(oid: string, data: Buffer): number {
    let crc = this.checksums.get(oid);
    if (crc === undefined) this.checksums.set(oid, (crc = crc32(data)));
    return crc;
  }

  deflated(oid: string, data: Buffer): Buffer {
    const cached = this.compressed.get(oid);
    if (cached !== undefined) return cached;
    const bytes = deflateEntry(data);
    if (this.compressedBytes + bytes.length > MAX_CACHED_COMPRESSED_BYTES) {
      this.compressed.clear();
      this.compressedBytes = 0;
    }
    this.compressed.set(oid, bytes);
    this.compressedBytes += bytes.length;
    return bytes;
  }
}

/** Writes one artifact's archive to `path`, reading its blobs through the source's long-lived reader. */
export async function writeArtifactArchive(
  artifact: PlannedArtifact,
  path: string,
  format: ArchiveFormat,
  blobsOf: (source: string) => BlobReader,
  cache: EntryCache,
): Promise<{ size: number; sha1: string }> {
  const composerJson = Buffer.from(artifact.composerJson);
  const { files } = artifact;
  // Path 0 is composer.json, path i the file files[i - 1]; no object per entry (1.3 million at history scale).
  const layout = archiveLayout(['composer.json', ...files.map((f) => f.path)], artifact.emptyDirs, `${artifact.name} ${artifact.version}`);
  const fileAt = (i: number) => files[i - 1] as ArtifactFile;
  const repoOf = (file: ArtifactFile) => file.source ?? artifact.source;
  /** The files' indexes in archive order. */
  const order = layout.filter((step): step is number => typeof step === 'number');
  // The reads ahead, the n-th file's in slot n % READ_AHEAD: an array as long as the archive grew by copying, which
  // made it the largest source of garbage of the write phase at history scale.
  const reads = new Array<Buffer | Promise<Buffer> | undefined>(READ_AHEAD).fill(undefined);
  let started = 0;
  const startReads = (upTo: number) => {
    for (; started < order.length && started < upTo; started++) {
      const i = order[started] as number;
      const file = i === 0 ? null : fileAt(i);
      // A read that fails before it is awaited (a missing object) is not a crash: the cache handles its rejection.
      reads[started % READ_AHEAD] = file === null ? composerJson : cache.blob(file.oid, () => blobsOf(repoOf(file)).read(file.oid));
    }
  };
  const writer = await ZipWriter.create(path, format);
  /** The file whose read is awaited, for an error that says which file of which release git could not give. */
  let reading: ArtifactFile | null = null;
  try {
    let index = 0;
    for (const step of layout) {
      if (typeof step !== 'number') {
        writer.addDirectory(step.dir, step.mode);
        continue;
      }
      // Refilled in batches: reads asked for in the same tick reach git in one write.
      if (started - index < READ_AHEAD / 2) startReads(index + READ_AHEAD);
      const slot = index % READ_AHEAD;
      const pending = reads[slot] as Buffer | Promise<Buffer>;
      const file = step === 0 ? null : fileAt(step);
      // Blobs in memory are used as they are: an await per file would cost a turn of the event loop each.
      let data: Buffer;
      if (Buffer.isBuffer(pending)) data = pending;
      else {
        reading = file;
        data = await pending;
        reading = null;
      }
      reads[slot] = undefined;
      index++;
      if (file === null) {
        writer.addFile('composer.json', data, { executable: false, crc32: crc32(data) });
        continue;
      }
      const crc = cache.checksum(file.oid, data);
      const compressed = format === 'deflate' ? cache.deflated(file.oid, data) : undefined;
      writer.addFile(file.path, data, { executable: file.executable, crc32: crc, ...(compressed ? { compressed } : {}) });
    }
    return await writer.finish();
  } catch (error) {
    await Promise.allSettled(reads.filter((r): r is Promise<Buffer> => r !== undefined && !Buffer.isBuffer(r)));
    await writer.abort();
    if (reading === null || !(error instanceof MageosError)) throw error;
    const where = `${artifact.name} ${artifact.version} (tag ${artifact.tag} of source "${repoOf(reading)}"), file ${reading.path}`;
    throw new MageosError(error.code, `${where}: ${error.message}`, { hint: error.hint, cause: error });
  }
}
