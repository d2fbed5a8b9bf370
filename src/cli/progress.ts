import cliProgress from 'cli-progress';
import type { BuildProgress } from '../app/builder/build-result.js';

const LABELS: Record<BuildProgress['phase'], string> = { sources: 'sources', check: 'checking', plan: 'planning', build: 'writing' };

/** One step of a long run: build's phases, or verify's. */
interface Progress {
  phase: string;
  done: number;
  total: number;
  detail?: string;
}

/** Time left at the current rate: "-" until something is done. */
function timeLeft(left: number, perSecond: number): string {
  if (left <= 0) return '0s';
  if (perSecond <= 0) return '-';
  const seconds = Math.ceil(left / perSecond);
  return seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
}

/** A progress bar on stderr when it is a terminal; nothing otherwise, so logs and pipes stay clean. */
export function progressReporter(enabled: boolean, labels: Record<string, string> = LABELS): { update: (p: Progress) => void; stop: () => void } {
  if (!enabled || !process.stderr.isTTY) return { update: () => {}, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: '{phase} [{bar}] {value}/{total} | {rate}/s | ETA {timeLeft} | {detail}',
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  let phase: string | null = null;
  let startedAt = Date.now();
  return {
    update(p) {
      if (p.phase !== phase) {
        if (phase !== null) bar.stop();
        phase = p.phase;
        startedAt = Date.now();
        bar.start(p.total, p.done, { phase: (labels[p.phase] ?? p.phase).padEnd(8), detail: '', rate: '0', timeLeft: '-' });
      }
      const seconds = Math.max((Date.now() - startedAt) / 1000, 0.001);
      const rate = p.done / seconds;
      bar.setTotal(p.total);
      bar.update(p.done, { detail: (p.detail ?? '').slice(0, 40), rate: rate.toFixed(1), timeLeft: timeLeft(p.total - p.done, rate) });
    },
    stop() {
      if (phase !== null) bar.stop();
    },
  };
}
