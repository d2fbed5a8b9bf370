import { MageosError } from '../../core/errors.js';
import type { PlannedArtifact } from '../../core/plan/types.js';
import type { ArchiveFormat } from '../../adapters/zip/zip-writer.js';

/** One archive for a worker thread to write, and where the blobs of its sources are. */
export interface ArchiveJob {
  id: number;
  artifact: PlannedArtifact;
  path: string;
  format: ArchiveFormat;
  /** Source name → git directory, for the sources whose blobs the archive holds. */
  gitDirs: Record<string, string>;
}

/** What crosses back from a worker: an error as plain fields, since a thread boundary keeps no class. */
export interface SerializedError {
  mageos: boolean;
  message: string;
  code?: string;
  hint?: string;
  errno?: number;
  syscall?: string;
  path?: string;
}

export type ArchiveReply = { id: number; written: { size: number; sha1: string } } | { id: number; error: SerializedError };

export function serializeError(error: unknown): SerializedError {
  if (error instanceof MageosError) return { mageos: true, message: error.message, code: error.code, ...(error.hint !== undefined ? { hint: error.hint } : {}) };
  const e = error as NodeJS.ErrnoException;
  const fields = { code: e.code, errno: e.errno, syscall: e.syscall, path: e.path };
  return { mageos: false, message: e instanceof Error ? e.message : String(error), ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) };
}

/** The error as the main thread would have met it: a MageosError with its code and hint, or a system error with its code. */
export function deserializeError(s: SerializedError): Error {
  if (s.mageos) return new MageosError(s.code as MageosError['code'], s.message, s.hint !== undefined ? { hint: s.hint } : {});
  return Object.assign(new Error(s.message), { code: s.code, errno: s.errno, syscall: s.syscall, path: s.path });
}
