import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { startStaticServer, type StaticServer } from '../../adapters/http/static-server.js';
import { MageosError } from '../../core/errors.js';

export interface ServeOptions {
  dir: string;
  host?: string;
  port?: number;
  prefix?: string;
  log?: (line: string) => void;
}

export interface ServedRepository extends StaticServer {
  /** The absolute directory served. */
  dir: string;
}

const BUILD_HINT = 'Build one first, e.g. `mageos-repo build --source <git-url-or-dir> --out <dir>`, then serve <dir>.';

async function isFile(path: string): Promise<boolean> {
  return stat(path).then((s) => s.isFile(), () => false);
}

/** Serves a built repository over HTTP until the returned handle is closed. */
export async function serveRepository(options: ServeOptions): Promise<ServedRepository> {
  const dir = resolve(options.dir);
  const info = await stat(dir).catch(() => undefined);
  if (info === undefined) throw new MageosError('ERR_USAGE', `${dir} does not exist`, { hint: BUILD_HINT });
  if (!info.isDirectory()) throw new MageosError('ERR_USAGE', `${dir} is not a directory`, { hint: BUILD_HINT });
  if (!(await isFile(join(dir, 'packages.json')))) {
    throw new MageosError('ERR_USAGE', `${dir} holds no packages.json: it is not a built repository`, { hint: BUILD_HINT });
  }
  const server = await startStaticServer({
    root: dir,
    ...(options.host !== undefined ? { host: options.host } : {}),
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.prefix !== undefined ? { prefix: options.prefix } : {}),
    ...(options.log !== undefined ? { log: options.log } : {}),
  });
  return { ...server, dir };
}
