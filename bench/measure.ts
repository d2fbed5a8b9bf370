import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BuildState } from '../src/core/state/build-state.js';
import { archiveBlobs } from './io-floor.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

export interface Run {
  /** Wall time of the whole command, node start-up included. */
  wallMs: number;
  /** The build's own time (`durationMs` of its JSON result). */
  ms: number;
  /** Where the build's own time went (`phaseMs` of its JSON result). */
  phaseMs: Record<string, number>;
  cpuMs: number;
  maxRss: number;
  built: number;
  archives: number;
  bytes: number;
  filesInArchives: number;
  /** For a median of several runs: how many, and the fastest and slowest wall time. */
  runs?: number;
  minWallMs?: number;
  maxWallMs?: number;
}

export interface Measured {
  full: Run;
  noop: Run;
  /** `node -e 0` on this machine in this run: the part of a CLI run that is node's, not ours. */
  nodeStartMs: number;
  newTag?: Run;
  oids: string[];
}

/**
 * Runs the installed command line (the bundle) under /usr/bin/time, which also counts the git processes' CPU.
 * Dirty pages of earlier steps are written out first (`sync`): the build's fsyncs would otherwise wait for them.
 */
function runBuild(source: string, out: string, work: string): Run {
  spawnSync('sync');
  const cli = join(ROOT, 'bin/mageos-repo.js');
  const args = ['-f', '%e %U %S %M', process.execPath, cli, 'build', '--source', source, '--out', out, '--cache-dir', join(work, 'cache'), '--offline', '--keep-going', '--json'];
  const child = spawnSync('/usr/bin/time', args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (child.status !== 0) throw new Error(`build failed (run npm run build first): ${child.stderr}`);
  const [wall, user, sys, rssKb] = (child.stderr.trim().split('\n').at(-1) ?? '').split(' ').map(Number) as number[];
  const result = JSON.parse(child.stdout) as { durationMs: number; phaseMs: Record<string, number>; counts: { built: number; planned: number }; bytesWritten: number };
  return {
    wallMs: (wall ?? 0) * 1000,
    ms: result.durationMs,
    phaseMs: result.phaseMs,
    cpuMs: ((user ?? 0) + (sys ?? 0)) * 1000,
    maxRss: (rssKb ?? 0) * 1024,
    built: result.counts.built,
    archives: result.counts.planned,
    bytes: result.bytesWritten,
    filesInArchives: 0,
  };
}

/** The fastest of a few `node -e 0` runs. */
function nodeStartMs(): number {
  let best = Infinity;
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    spawnSync(process.execPath, ['-e', '0']);
    best = Math.min(best, performance.now() - started);
  }
  return best;
}

function gitDirOf(source: string): string {
  return execFileSync('git', ['-C', source, 'rev-parse', '--absolute-git-dir']).toString().trim();
}

/** Adds a release tag that bumps the version of every tenth module and pins it in the metapackage (plumbing only: no working tree needed). */
function addReleaseTag(source: string, tag: string): void {
  const gitDir = gitDirOf(source);
  const git = (args: string[], input?: string, env: NodeJS.ProcessEnv = {}) =>
    execFileSync('git', ['--git-dir', gitDir, ...args], { input, maxBuffer: 1 << 28, env: { ...process.env, GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@b', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@b', ...env } }).toString().trim();
  const index = join(gitDir, 'bench-index');
  const env = { GIT_INDEX_FILE: index };
  git(['read-tree', 'HEAD'], undefined, env);
  const jsons = git(['ls-tree', '--name-only', '-r', 'HEAD']).split('\n').filter((p) => /^[^/]+\/composer\.json$/.test(p) && !p.startsWith('_'));
  const write = (path: string, json: unknown) => {
    const oid = git(['hash-object', '-w', '--stdin'], `${JSON.stringify(json, null, 4)}\n`);
    git(['update-index', '--cacheinfo', `100644,${oid},${path}`], undefined, env);
  };
  const bumped = new Map<string, string>();
  jsons.forEach((path, i) => {
    if (i % 10 !== 0) return;
    const json = JSON.parse(git(['show', `HEAD:${path}`]));
    json.version = `${json.version}-p9`;
    bumped.set(json.name, json.version);
    write(path, json);
  });
  // The release checks refuse a metapackage that pins versions the tag does not hold.
  const meta = JSON.parse(git(['show', 'HEAD:_metapackage/composer.json']));
  for (const [name, version] of bumped) if (meta.require?.[name] !== undefined) meta.require[name] = version;
  write('_metapackage/composer.json', meta);
  const tree = git(['write-tree'], undefined, env);
  const commit = git(['commit-tree', tree, '-p', 'HEAD', '-m', tag]);
  git(['update-ref', 'HEAD', commit]);
  git(['tag', tag, commit]);
}

/** The measurement with the median time, and the fastest and slowest times. */
export function medianOf<T>(items: readonly T[], ms: (item: T) => number): { middle: T; min: number; max: number } {
  const sorted = [...items].sort((a, b) => ms(a) - ms(b));
  const middle = sorted[Math.floor(sorted.length / 2)] as T;
  return { middle, min: ms(sorted[0] as T), max: ms(sorted.at(-1) as T) };
}

/** The run with the median wall time, with the spread of all runs. */
function median(runs: Run[]): Run {
  const { middle, min, max } = medianOf(runs, (r) => r.wallMs);
  return { ...middle, minWallMs: min, maxWallMs: max, runs: runs.length };
}

/** Full builds (each into a new directory) and no-op rebuilds `runs` times each; the median of each is reported. */
export async function measureBuild(options: { sourcePath: string; work: string; newTag?: string; runs: number }): Promise<Measured> {
  const out = join(options.work, 'repo');
  const fulls: Run[] = [];
  for (let i = 0; i < options.runs; i++) {
    rmSync(out, { recursive: true, force: true });
    fulls.push(runBuild(options.sourcePath, out, options.work));
  }
  const full = median(fulls);
  const oids = await archiveBlobs(gitDirOf(options.sourcePath), out);
  full.filesInArchives = oids.length;
  const noop = median(Array.from({ length: options.runs }, () => runBuild(options.sourcePath, out, options.work)));
  let newTag: Run | undefined;
  if (options.newTag !== undefined) {
    addReleaseTag(options.sourcePath, options.newTag);
    newTag = runBuild(options.sourcePath, out, options.work);
  }
  return { full, noop, nodeStartMs: nodeStartMs(), oids, ...(newTag ? { newTag } : {}) };
}

/** `<sha1>  <file>` of every archive of a built repository, sorted by file: equal lists mean byte-identical archives. */
export function archiveSha1s(out: string): string[] {
  const state = JSON.parse(readFileSync(join(out, '.mageos-repo/state.json'), 'utf8')) as BuildState;
  return Object.values(state.artifacts)
    .filter((a) => a.kind !== 'metapackage')
    .map((a) => `${a.sha1}  ${a.file}`)
    .sort((a, b) => (a.slice(42) < b.slice(42) ? -1 : 1));
}
