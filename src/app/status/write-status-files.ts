import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomicSync } from '../../adapters/fs/atomic-file.js';
import { makeDirectorySync } from '../../adapters/fs/make-directory.js';
import { STATE_DIR } from '../../adapters/fs/output-directory.js';
import { MageosError } from '../../core/errors.js';
import type { StatusDocument } from '../../core/status/status-document.js';
import { summarizeStatus } from '../../core/status/status-summary.js';
import { statusBadge } from '../../core/web/status-badge.js';
import { statusPage } from '../../core/web/status-page.js';

/** A repository's scratch space, so that temporary files never sit beside served files; a plain directory's own. */
function scratchOf(outDir: string): string {
  return existsSync(join(outDir, STATE_DIR)) ? join(outDir, STATE_DIR, 'tmp') : outDir;
}

/**
 * Writes status.html and badge.svg for a status document into `outDir` (status.json itself is the nightly run's to
 * write). Each file is replaced atomically: a web server serves the old page or the new one, never half of one.
 * Returns the paths written.
 */
export function writeStatusFiles(outDir: string, document: StatusDocument, scratchDir: string = scratchOf(outDir)): string[] {
  const files: Array<[string, string]> = [
    ['status.html', statusPage(document)],
    ['badge.svg', statusBadge(summarizeStatus(document))],
  ];
  return files.map(([name, text]) => {
    const path = join(outDir, name);
    try {
      // Temporary files wait in the scratch space, never beside served files.
      makeDirectorySync(scratchDir);
      writeFileAtomicSync(path, text, scratchDir);
    } catch (cause) {
      throw new MageosError('ERR_OUTPUT_UNUSABLE', `cannot write ${path}: ${(cause as Error).message}`, { hint: 'Check that the directory exists and is writable.', cause });
    }
    return path;
  });
}
