import { diffJson } from './json-diff.js';
import { jsonDeeperThan, MAX_JSON_DEPTH } from './metadata-entry.js';
import { type IntegrityProblem, problem } from './integrity-problem.js';

type Entry = Record<string, unknown>;

function requireOf(json: Entry): unknown {
  return json.require ?? {};
}

/**
 * Whether the composer.json inside an archive agrees with the repository metadata of its version: the same
 * name and the same requirements (key order and formatting aside). Null text means the archive has none.
 */
export function checkArchiveComposerJson(metadata: Entry, text: string | null): IntegrityProblem[] {
  const pkg = String(metadata.name);
  const version = String(metadata.version);
  if (text === null) {
    return [problem(pkg, version, 'composer-json-missing', 'the archive holds no composer.json at its root or in its single top-level directory')];
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return [problem(pkg, version, 'composer-json-invalid', `the archive's composer.json is not valid JSON: ${(error as Error).message}`)];
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return [problem(pkg, version, 'composer-json-invalid', "the archive's composer.json is not a JSON object")];
  }
  if (jsonDeeperThan(json, MAX_JSON_DEPTH)) {
    return [problem(pkg, version, 'composer-json-invalid', `the archive's composer.json nests deeper than ${MAX_JSON_DEPTH} levels`)];
  }
  const archive = json as Entry;
  const problems: IntegrityProblem[] = [];
  if (typeof archive.name !== 'string' || archive.name.toLowerCase() !== pkg.toLowerCase()) {
    problems.push(mismatch(pkg, version, 'name', metadata.name, archive.name));
  }
  for (const change of diffJson(requireOf(metadata), requireOf(archive), 'require')) {
    problems.push(mismatch(pkg, version, change.key, change.left, change.right));
  }
  return problems;
}

const shown = (value: unknown) => (value === undefined ? '(absent)' : JSON.stringify(value));

function mismatch(pkg: string, version: string, key: string, metadata: unknown, archive: unknown): IntegrityProblem {
  return problem(pkg, version, 'composer-json-mismatch', `composer.json "${key}" is ${shown(archive)} in the archive but ${shown(metadata)} in the metadata`, {
    key,
    ...(metadata === undefined ? {} : { metadata }),
    ...(archive === undefined ? {} : { archive }),
  });
}
