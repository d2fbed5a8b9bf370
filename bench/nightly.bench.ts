// What a night costs on a generated Magento-shaped monorepo with the upstream-nightly profile (not a test): a first
// night, a night in which one module changed, and a night with no new commit, measured in the same run.
// Usage: node --import tsx bench/nightly.bench.ts [--modules 240] [--files 40] [--keep]
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createBaseComposerJsonRepo } from '../src/adapters/synthetic/base-composer-json-repo.js';
import { createMagentoMonorepo } from '../src/adapters/synthetic/magento-monorepo.js';
import { build } from '../src/app/builder/build.js';
import { localProfileSources } from '../src/app/config/local-profile.js';
import { parseConfig } from '../src/core/config/parse-config.js';

const { values } = parseArgs({
  options: {
    modules: { type: 'string', default: '240' },
    files: { type: 'string', default: '40' },
    keep: { type: 'boolean', default: false },
  },
});
const work = mkdtempSync(join(tmpdir(), 'mageos-nightly-bench-'));
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const git = (dir: string, args: string[]) =>
  execFileSync('git', args, { cwd: dir, env: { ...process.env, GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@localhost', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@localhost' } });
try {
  const monorepo = await createMagentoMonorepo({ dir: join(work, 'magento2'), releases: ['2.4.6', '2.4.7'], modules: Number(values.modules), filesPerModule: Number(values.files), seed: 7 });
  const official = await createBaseComposerJsonRepo({ dir: join(work, 'official'), monorepo, releases: ['2.4.6'] });
  git(monorepo.dir, ['checkout', '--quiet', '-b', '2.4-develop']);
  const module = monorepo.packages.find((p) => p.type === 'magento2-module');
  if (module === undefined) throw new Error('no module generated');
  const change = (message: string) => {
    appendFileSync(join(monorepo.dir, module.dir, 'registration.php'), `// ${message}\n`);
    git(monorepo.dir, ['commit', '--quiet', '--all', '-m', message]);
  };
  change('develop: first');
  const base = git(monorepo.dir, ['rev-parse', 'HEAD']).toString().trim();
  const sources = localProfileSources('upstream-nightly', { magento2: monorepo.dir, 'magento2-base-composer-json': official.dir });
  const configOf = (versions: string) => parseConfig({ sources, nightly: { installCheck: false, versions, mustResolve: ['magento/*'], fromUpstream: ['magento/composer-*-plugin'] } }, 'bench');
  console.log(`# upstream-nightly profile on a synthetic monorepo (${new Date().toISOString()}, node ${process.version})`);
  console.log(`monorepo: ${monorepo.packages.length} packages, ${monorepo.fileCount} files at the last tag`);
  const runs: Record<string, number> = {};
  const night = async (label: string, date: string, versions: string, repo: string) => {
    const started = performance.now();
    const result = await build({ config: configOf(versions), outDir: join(work, repo), cacheDir: join(work, 'cache'), offline: true, dryRun: false, keepGoing: true, republish: [], nightly: { date } });
    runs[label] = performance.now() - started;
    const p = result.phaseMs;
    console.log(
      `${label.padEnd(22)} ${seconds(runs[label] as number).padStart(8)}  ${result.night?.result}, built ${result.counts.built}, reused ${result.counts.reused}, ${(result.bytesWritten / 1048576).toFixed(1)} MiB, changed ${result.night?.changed.length ?? 0} (plan ${p.plan} ms, write ${p.write} ms, metadata ${p.metadata} ms)`,
    );
  };
  for (const versions of ['every-night', 'when-changed']) {
    console.log(`## "versions": "${versions}"`);
    git(monorepo.dir, ['reset', '--quiet', '--hard', base]);
    await night('first night:', '2026-12-07', versions, versions);
    change('develop: one module');
    await night('one module changed:', '2026-12-08', versions, versions);
    await night('no new commit:', '2026-12-09', versions, versions);
    const ratio = (a: string, b: string) => ((runs[a] as number) / (runs[b] as number)).toFixed(2);
    console.log(`one changed module / first night: ${ratio('one module changed:', 'first night:')}; no new commit / first night: ${ratio('no new commit:', 'first night:')}`);
  }
  console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
} finally {
  if (!values.keep) rmSync(work, { recursive: true, force: true });
}
