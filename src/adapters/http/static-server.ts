// A small static file server by hand: node:http is enough for a local repository, and no dependency then sits in `serve`.
import { realpath } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MageosError } from '../../core/errors.js';
import { handleRequest } from './request-handler.js';
import { normalizePrefix } from './resolve-request-path.js';

export interface StaticServerOptions {
  /** The directory served. */
  root: string;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 8080; 0 picks any free port. */
  port?: number;
  /** URL path the root is served under, default `/`; normalized to a leading and a trailing slash. */
  prefix?: string;
  /** Receives one line per request; nothing is logged without it. */
  log?: (line: string) => void;
}

export interface StaticServer {
  /** Where the root is served, always ending with `/`, e.g. http://127.0.0.1:41234/mirror/. */
  url: string;
  port: number;
  /** Stops accepting, closes idle keep-alive connections at once and busy ones after a short grace. */
  close(): Promise<void>;
}

const CLOSE_GRACE_MS = 1000;

/** The request-target as logged: control characters escaped so a request cannot forge log lines. */
function printablePath(req: IncomingMessage): string {
  const url = req.url ?? '';
  const escaped = url.replace(/[\x00-\x1f\x7f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
  return escaped.length > 300 ? `${escaped.slice(0, 300)}…` : escaped;
}

function listenError(error: NodeJS.ErrnoException, host: string, port: number): Error {
  const where = `${host}:${port}`;
  switch (error.code) {
    case 'EADDRINUSE':
      return new MageosError('ERR_USAGE', `port ${port} on ${host} is already in use`, { hint: 'Choose another --port, or --port 0 for any free port.', cause: error });
    case 'EACCES':
      return new MageosError('ERR_USAGE', `not allowed to listen on ${where}`, { hint: 'Ports below 1024 need privileges; choose a port such as 8080.', cause: error });
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return new MageosError('ERR_USAGE', `cannot listen on host ${host}: it is not an address of this machine`, { hint: 'Use 127.0.0.1, ::1 or 0.0.0.0.', cause: error });
    default:
      return error;
  }
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) => reject(listenError(error, host, port));
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

/** Stops the server; a response still being written when close() is called ends its connection once it finishes. */
function closer(server: Server): { close: () => Promise<void>; isClosing: () => boolean } {
  let closing: Promise<void> | undefined;
  const close = () => {
    closing ??= new Promise<void>((resolve, reject) => {
      const force = setTimeout(() => server.closeAllConnections(), CLOSE_GRACE_MS).unref();
      server.close((error) => {
        clearTimeout(force);
        if (error) reject(error);
        else resolve();
      });
      server.closeIdleConnections();
    });
    return closing;
  };
  return { close, isClosing: () => closing !== undefined };
}

/** Serves the files below `root` over HTTP (GET and HEAD only, no listings, no dotfiles, nothing outside the root). */
export async function startStaticServer(options: StaticServerOptions): Promise<StaticServer> {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 8080;
  const prefix = normalizePrefix(options.prefix ?? '/');
  const log = options.log;
  let realRoot: string;
  try {
    realRoot = await realpath(options.root);
  } catch (error) {
    throw new MageosError('ERR_USAGE', `cannot serve ${options.root}: it does not exist`, { cause: error });
  }
  const server = createServer();
  const stopping = closer(server);
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    if (stopping.isClosing()) res.setHeader('Connection', 'close');
    res.once('finish', () => {
      if (stopping.isClosing()) server.closeIdleConnections();
    });
    handleRequest(req, res, { realRoot, prefix })
      .catch(() => {
        if (!res.headersSent) res.writeHead(500).end();
        else res.destroy();
        return 0;
      })
      .then((bytes) => log?.(`${req.method} ${printablePath(req)} ${res.statusCode} ${bytes} B ${(performance.now() - started).toFixed(1)} ms`));
  });
  await listen(server, host, port);
  const bound = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  return { url: `http://${urlHost}:${bound}${prefix}`, port: bound, close: stopping.close };
}
