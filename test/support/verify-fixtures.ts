import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, normalize } from 'node:path';
import { openRepository } from '../../src/adapters/composer-repository/open-repository.js';
import type { OtherHosts } from '../../src/adapters/composer-repository/url-policy.js';
import { verifyIntegrity } from '../../src/app/verify/verify-integrity.js';
import type { IntegrityReport } from '../../src/core/verify/integrity-problem.js';
import { readZipEntries, readZipEntryData } from '../../src/adapters/zip/zip-reader.js';
import { ZipWriter } from '../../src/adapters/zip/zip-writer.js';
import { expandVersions } from '../../src/core/metadata/minify.js';
import type { VersionEntry } from '../../src/core/metadata/version-entry.js';
import { buildRepo, tempDir } from '../app/build-helpers.js';
import { createModulesRepo } from './module-repo.js';

/** A repository built by the real build from the modules fixture: 3 packages, 7 versions, 4 archives. */
export async function builtModulesRepository(options: { out?: string; baseUrl?: string } = {}): Promise<string> {
  const source = createModulesRepo();
  const out = options.out ?? join(tempDir(), 'repo');
  const result = await buildRepo({ sources: [{ path: source.dir }], ...(options.baseUrl ? { baseUrl: options.baseUrl } : {}) }, out);
  source.cleanup();
  if (result.errors.length > 0) throw new Error(`fixture build failed: ${JSON.stringify(result.errors)}`);
  return out;
}

/** Runs verify integrity on a repository directory or URL, with a fresh download cache. */
export async function integrityOf(location: string, options: { vendors?: string[]; otherHosts?: OtherHosts } = {}): Promise<IntegrityReport> {
  const repository = await openRepository(location, { cacheDir: join(tempDir(), 'cache'), ...(options.otherHosts === undefined ? {} : { otherHosts: options.otherHosts }) });
  try {
    return await verifyIntegrity({ repository, vendors: options.vendors ?? [] });
  } finally {
    await repository.close();
  }
}

export function copyRepository(dir: string): string {
  const copy = join(tempDir(), 'copy');
  cpSync(dir, copy, { recursive: true });
  return copy;
}

export interface ArchiveEntry {
  name: string;
  data: Buffer;
  mode: number;
  isDirectory: boolean;
}

/** Rewrites an archive with the real zip writer after `edit` changed its entries (names, bytes, modes). */
export async function rewriteArchive(file: string, edit: (entries: ArchiveEntry[]) => ArchiveEntry[]): Promise<void> {
  const listed = await readZipEntries(file);
  const entries = await Promise.all(listed.map(async (e) => ({ name: e.name, data: await readZipEntryData(file, e), mode: e.mode, isDirectory: e.isDirectory })));
  rmSync(file);
  const writer = await ZipWriter.create(file, 'mageos');
  for (const e of edit(entries)) {
    if (e.isDirectory) await writer.addDirectory(e.name, e.mode);
    else await writer.addFile(e.name, e.data, { executable: (e.mode & 0o111) !== 0 });
  }
  await writer.finish();
}

/** Changes a package's tagged versions in its p2 file (written back unminified, which Composer reads as well). */
export function editP2(repo: string, name: string, edit: (versions: VersionEntry[]) => void): void {
  const file = join(repo, 'p2', `${name}.json`);
  const doc = JSON.parse(readFileSync(file, 'utf8')) as { packages: Record<string, VersionEntry[]> };
  const versions = expandVersions(doc.packages[name] ?? []);
  edit(versions);
  writeFileSync(file, JSON.stringify({ packages: { [name]: versions } }));
}

/** Serves a directory over HTTP on loopback, only to requests with the given basic-auth credentials. */
export async function startAuthServer(root: string, username: string, password: string): Promise<{ url: string; requests: string[]; close: () => Promise<void> }> {
  const expected = `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(req.url ?? '');
    if (req.headers.authorization !== expected) return void res.writeHead(401, { 'www-authenticate': 'Basic realm="repo"' }).end();
    const path = normalize(join(root, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname)));
    readFile(path).then(
      (body) => res.writeHead(200).end(body),
      () => res.writeHead(404).end(),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export { tempDir };
