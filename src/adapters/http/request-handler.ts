import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import { acceptsGzip } from './accept-encoding.js';
import { cacheControlFor } from '../../core/web/cache-policy.js';
import { gzipEtag, isNotModified, validatorsOf } from './conditional-request.js';
import { fileKindOf } from '../../core/web/content-type.js';
import { sendFileBody } from './file-body.js';
import { openServedFile, type ServedFile } from './open-served-file.js';
import { resolveRequestPath } from './resolve-request-path.js';

export interface HandlerContext {
  realRoot: string;
  prefix: string;
}

/** Answers a status with a one-line text body (none for HEAD); returns the body bytes. */
function sendStatus(req: IncomingMessage, res: ServerResponse, status: number, headers: Record<string, string> = {}): number {
  const body = `${STATUS_CODES[status] ?? status}\n`;
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': String(Buffer.byteLength(body)), ...headers });
  if (req.method === 'HEAD') {
    res.end();
    return 0;
  }
  res.end(body);
  return Buffer.byteLength(body);
}

async function sendFile(req: IncomingMessage, res: ServerResponse, relativePath: string, file: ServedFile): Promise<number> {
  const kind = fileKindOf(relativePath);
  const validators = validatorsOf(file.stat);
  const gzip = kind.compressible && acceptsGzip(req.headers['accept-encoding']);
  res.setHeader('ETag', gzip ? gzipEtag(validators.etag) : validators.etag);
  res.setHeader('Last-Modified', validators.lastModified.toUTCString());
  res.setHeader('Cache-Control', cacheControlFor(relativePath));
  if (kind.compressible) res.setHeader('Vary', 'Accept-Encoding');
  if (isNotModified(req.headers, validators)) {
    await file.handle.close();
    res.writeHead(304).end();
    return 0;
  }
  res.setHeader('Content-Type', kind.type);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  if (gzip) res.setHeader('Content-Encoding', 'gzip');
  if (req.method === 'HEAD') {
    await file.handle.close();
    if (!gzip) res.setHeader('Content-Length', String(file.stat.size));
    res.writeHead(200).end();
    return 0;
  }
  return sendFileBody(res, file, gzip);
}

/** Serves one request: GET and HEAD of regular files below the prefix, nothing else. Returns the body bytes sent. */
export async function handleRequest(req: IncomingMessage, res: ServerResponse, context: HandlerContext): Promise<number> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return sendStatus(req, res, 405, { Allow: 'GET, HEAD' });
  const target = resolveRequestPath(req.url ?? '', context.prefix);
  switch (target.kind) {
    case 'bad-request':
      return sendStatus(req, res, 400);
    case 'not-found':
      return sendStatus(req, res, 404);
    case 'redirect':
      return sendStatus(req, res, 301, { Location: target.location });
    case 'file': {
      const file = await openServedFile(context.realRoot, target.relativePath);
      if (file === undefined) return sendStatus(req, res, 404);
      return sendFile(req, res, target.relativePath, file);
    }
  }
}
