import { createRequire } from 'node:module';
import type CliProgress from 'cli-progress';
import type { BuildProgress } from '../app/build/build-result.js';

const LABELS: Record<BuildProgress['phase'], string> = { sources: 'sources', plan: 'planning', build: 'writing' };

/** A progress bar on stderr when it is a terminal; nothing otherwise, so logs and pipes stay clean. */
export function progressReporter(enabled: boolean): { update: (p: BuildProgress) => void; stop: () => void } {
  if (!enabled || !process.stderr.isTTY) return { update: () => {}, stop: () => {} };
  // Required only here: a run without a terminal does not load the progress bar library.
  const cliProgress = createRequire(import.meta.url)('cli-progress') as typeof CliProgress;
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: '{phase} [{bar}] {value}/{total} | {rate}/s | ETA {eta_formatted} | {detail}',
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  let phase: BuildProgress['phase'] | null = null;
  let startedAt = Date.now();
  return {
    update(p) {
      if (p.phase !== phase) {
        if (phase !== null) bar.stop();
        phase = p.phase;
        startedAt = Date.now();
        bar.start(p.total, p.done, { phase: LABELS[p.phase].padEnd(8), detail: '', rate: '0' });
      }
      const seconds = Math.max((Date.now() - startedAt) / 1000, 0.001);
      bar.setTotal(p.total);
      bar.update(p.done, { detail: (p.detail ?? '').slice(0, 40), rate: (p.done / seconds).toFixed(1) });
    },
    stop() {
      if (phase !== null) bar.stop();
    },
  };
}
