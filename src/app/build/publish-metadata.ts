import { readFileSync, rmSync } from 'node:fs';
import { repositoryMetadata, type MetadataFile } from '../../core/metadata/repository-metadata.js';
import type { OutputDirectory } from '../../adapters/fs/output-directory.js';
import { writeFileAtomicSync } from '../../adapters/fs/atomic-file.js';

export interface MetadataReport {
  written: string[];
  unchanged: number;
  deleted: string[];
}

// Synchronous file calls: hundreds of small files, one after another, cost a system call each this way
// instead of several thread-pool round trips each.
function differs(out: OutputDirectory, file: MetadataFile): boolean {
  try {
    return readFileSync(out.path(file.path), 'utf8') !== file.text;
  } catch {
    return true;
  }
}

/**
 * Writes the metadata of every published artifact. Files whose text is unchanged are not touched (their
 * Last-Modified stays, so Composer revalidates with 304s); packages.json is replaced last, atomically, when every
 * file it points to exists. Files the new packages.json no longer needs are deleted one publish later, so a
 * client that read the previous packages.json a moment ago still finds them.
 */
export function publishMetadata(out: OutputDirectory, baseUrl: string, extraFiles: MetadataFile[] = []): MetadataReport {
  const files = [...repositoryMetadata(Object.values(out.state.artifacts), baseUrl), ...extraFiles];
  const root = files.filter((f) => f.path === 'packages.json');
  const report: MetadataReport = { written: [], unchanged: 0, deleted: [] };
  const madeDirs = new Set<string>();
  for (const file of [...files.filter((f) => f.path !== 'packages.json'), ...root]) {
    if (differs(out, file)) {
      writeFileAtomicSync(out.path(file.path), file.text, madeDirs);
      report.written.push(file.path);
    } else {
      report.unchanged++;
    }
  }
  const current = new Set(files.map((f) => f.path));
  const { published = [], retired = [] } = out.state.metadata ?? {};
  for (const path of retired) {
    if (current.has(path)) continue;
    rmSync(out.path(path), { force: true });
    report.deleted.push(path);
  }
  out.state.metadata = { published: [...current].sort(), retired: published.filter((p) => !current.has(p)) };
  return report;
}
