import { extname } from 'node:path';

interface FileKind {
  type: string;
  /** Worth gzipping on the fly: text formats only, never archives or images. */
  compressible: boolean;
}

const KINDS: Record<string, FileKind> = {
  '.json': { type: 'application/json', compressible: true },
  '.zip': { type: 'application/zip', compressible: false },
  '.html': { type: 'text/html; charset=utf-8', compressible: true },
  '.css': { type: 'text/css; charset=utf-8', compressible: true },
  '.js': { type: 'text/javascript; charset=utf-8', compressible: true },
  '.txt': { type: 'text/plain; charset=utf-8', compressible: true },
  '.svg': { type: 'image/svg+xml', compressible: false },
  '.png': { type: 'image/png', compressible: false },
};

const UNKNOWN: FileKind = { type: 'application/octet-stream', compressible: false };

/** The Content-Type of a served file, chosen by its extension. */
export function fileKindOf(path: string): FileKind {
  return KINDS[extname(path).toLowerCase()] ?? UNKNOWN;
}
