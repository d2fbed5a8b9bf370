// The entry of a worker thread that writes big archives (see archive-workers.ts), each with its own git readers.
import { parentPort } from 'node:worker_threads';
import { BlobReader } from '../../adapters/git/blob-reader.js';
import { EntryCache, writeArtifactArchive } from './artifact-writer.js';
import { type ArchiveJob, type ArchiveReply, serializeError } from './archive-job.js';

const port = parentPort;
if (port === null) throw new Error('archive-worker.js runs as a worker thread');

/** One reader per repository, kept for the next archives (it starts git at its first read). */
const readers = new Map<string, BlobReader>();
const cache = new EntryCache();

async function write(job: ArchiveJob): Promise<ArchiveReply> {
  try {
    for (const gitDir of Object.values(job.gitDirs)) if (!readers.has(gitDir)) readers.set(gitDir, await BlobReader.open(gitDir));
    const readerOf = (source: string) => readers.get(job.gitDirs[source] as string) as BlobReader;
    const written = await writeArtifactArchive(job.artifact, job.path, job.format, readerOf, cache);
    return { id: job.id, written };
  } catch (error) {
    return { id: job.id, error: serializeError(error) };
  }
}

port.on('message', (message: ArchiveJob | 'close') => {
  if (message === 'close') {
    void Promise.allSettled([...readers.values()].map((r) => r.close())).then(() => port.close());
    return;
  }
  void write(message).then((reply) => port.postMessage(reply));
});
