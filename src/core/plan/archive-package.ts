import { MageosError } from '../errors.js';
import { isValidVersion, normalizeVersion } from '../version/index.js';
import { type JsonOrigin, parseComposerJson } from './composer-json.js';
import { versionFileNameProblem } from './path-safe-names.js';
import type { PackageKind } from './types.js';

/** What a ready-made zip says about itself through its composer.json (and, for the version, its file name). */
export interface ArchivePackage {
  name: string;
  version: string;
  versionNormalized: string;
  kind: PackageKind;
  /** The composer.json has a "time" of its own. */
  hasTime: boolean;
}

/**
 * The entry holding a zip's composer.json: at the root, or inside the single top-level directory that
 * GitHub-style zips put everything in (Composer strips that directory when it installs).
 */
export function composerJsonEntry(names: readonly string[]): string | null {
  if (names.includes('composer.json')) return 'composer.json';
  const tops = new Set(names.map((n) => n.split('/')[0]));
  const [top] = tops;
  if (tops.size !== 1 || top === undefined || !names.some((n) => n.startsWith(`${top}/`))) return null;
  return names.includes(`${top}/composer.json`) ? `${top}/composer.json` : null;
}

/**
 * The version a zip's file name carries, for a composer.json without one: `<vendor>-<name>-<version>.zip`
 * (as in resource/additional-packages of the Mage-OS generator) or `<name>-<version>.zip` (as in `packages/<vendor>/`).
 */
export function versionFromFileName(fileName: string, packageName: string): string | null {
  const stem = fileName.replace(/\.zip$/i, '');
  const [vendor = '', name = ''] = packageName.split('/');
  for (const prefix of [`${vendor}-${name}-`, `${name}-`]) {
    const version = stem.startsWith(prefix) ? stem.slice(prefix.length) : '';
    if (version !== '' && isValidVersion(version)) return version;
  }
  return null;
}

/** Reads name, version and kind of the zip `fileName` from its composer.json text; `origin` names it in errors. */
export function archivePackage(composerJson: string, fileName: string, origin: JsonOrigin): ArchivePackage {
  const json = parseComposerJson(composerJson, origin);
  const where = `${origin.path} at ${origin.tag} of source "${origin.source}"`;
  let version: string | null;
  if (json.version === undefined) {
    version = versionFromFileName(fileName, json.name);
    if (version === null) {
      throw new MageosError('ERR_PACKAGE_INVALID', `${where} has no "version", and the file name ${fileName} carries none`, {
        hint: `Name the file "${json.name.replace('/', '-')}-<version>.zip", or use the official zip, whose composer.json has a version.`,
      });
    }
  } else if (typeof json.version === 'string' && isValidVersion(json.version)) {
    version = json.version;
  } else {
    throw new MageosError('ERR_VERSION_INVALID', `${where} has an invalid "version" ${JSON.stringify(json.version)}`, {
      hint: 'Use the official zip; its composer.json version must be a Composer version such as 1.2.3 or 1.2.3-p1.',
    });
  }
  const unsafe = versionFileNameProblem(version);
  if (unsafe !== null) {
    throw new MageosError('ERR_VERSION_INVALID', `${where}: ${json.name} has version ${JSON.stringify(version)}, which ${unsafe}`, {
      hint: 'A version becomes part of the archive file name; use the official zip, or leave this one out with "include".',
      details: { version },
    });
  }
  return {
    name: json.name,
    version,
    versionNormalized: normalizeVersion(version),
    kind: json.type === 'metapackage' ? 'metapackage' : 'package',
    hasTime: json.time !== undefined,
  };
}
