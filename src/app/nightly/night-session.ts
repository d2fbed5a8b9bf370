import { join } from 'node:path';
import type { OutputDirectory } from '../../adapters/fs/output-directory.js';
import { upstreamVersions } from '../distribution/upstream-versions.js';
import type { Config } from '../../core/config/schema.js';
import { MageosError } from '../../core/errors.js';
import { changedPackages, nightPackageIds, type NightRecord } from '../../core/nightly/night-ledger.js';
import type { ReleasePlan } from '../../core/plan/plan-release.js';
import type { ReleaseRef } from '../../core/plan/types.js';
import type { CheckResult } from '../../core/status/status-document.js';
import type { BuildResult } from '../builder/build-result.js';
import type { SourceSession } from '../builder/source-session.js';
import { checkNight, type NightCheckOptions, withholdNight } from './night-gate.js';
import { type NightOutcome, recordNight } from './night-status.js';
import type { RefBuild } from '../builder/ref-build.js';
import { NightlyRun, type PlanRelease } from './nightly-run.js';

export interface NightOptions extends NightCheckOptions {
  /** The night, YYYY-MM-DD; default today in UTC. */
  date?: string;
}

/** Today's date in UTC, YYYY-MM-DD. */
export function todayUtc(now: number = Date.now()): string {
  return new Date(now).toISOString().slice(0, 10);
}

/** A nightly build takes every source that has packages from its branch: a mix would publish tag and night versions side by side. */
function checkSources(config: Config): boolean {
  const building = config.sources.filter((s) => s.packages?.length !== 0);
  const branched = building.filter((s) => s.branch !== undefined);
  if (branched.length === 0) return false;
  const tagged = building.find((s) => s.branch === undefined);
  if (tagged !== undefined) {
    const name = tagged.name ?? tagged.url ?? tagged.path;
    throw new MageosError('ERR_CONFIG_INVALID', `source "${name}" has no "branch", but "${branched[0]?.name ?? branched[0]?.url ?? branched[0]?.path}" has: a nightly build takes every source from a branch`, {
      hint: 'Give every source with packages a "branch", or build tags and nights into separate repositories.',
    });
  }
  return true;
}

/** What a build does differently for a night: its releases, its versions, the checks before publishing, and the status page. */
export class NightSession implements RefBuild {
  private run: NightlyRun | null = null;
  private served: NightRecord | undefined;
  private publishedBefore = new Set<string>();
  private checks: CheckResult[] = [];
  private readonly startedAt = Date.now();

  private constructor(
    private readonly config: Config,
    private readonly options: NightOptions,
    readonly date: string,
    private readonly cacheDir: string,
  ) {}

  /** The night of a build whose sources have branches; null for a tag build. */
  static forBuild(config: Config, options: NightOptions = {}, cacheDir = ''): NightSession | null {
    return checkSources(config) ? new NightSession(config, options, options.date ?? todayUtc(), cacheDir) : null;
  }

  async prepare(sessions: SourceSession[], out: OutputDirectory, plan: PlanRelease): Promise<void> {
    const published = out.state.nights ?? [];
    this.served = published.at(-1);
    this.publishedBefore = new Set(Object.keys(out.state.artifacts));
    const upstream = (u: { repository: string; version: string }) => upstreamVersions(u.repository, u.version, join(this.cacheDir, 'upstream-archives'));
    this.run = await NightlyRun.prepare(sessions, this.config, published, this.date, plan, upstream);
  }

  identity(): string {
    return JSON.stringify({ distribution: this.config.distribution ?? null, nightly: this.config.nightly ?? null });
  }

  owns(session: SourceSession): boolean {
    return session.config.branch !== undefined;
  }

  releasesOf(session: SourceSession): ReleaseRef[] {
    return this.run?.releasesOf(session) ?? [];
  }

  plan(session: SourceSession, release: ReleaseRef, plan: PlanRelease): Promise<ReleasePlan> {
    return this.run === null ? plan(session, release) : this.run.plan(session, release, plan);
  }

  /**
   * Decides whether tonight is published: not after build errors or drift, nor when a check fails; then the
   * archives this run added are taken out again and the metadata keeps serving the night before.
   */
  async gate(out: OutputDirectory, result: BuildResult): Promise<boolean> {
    const run = this.run;
    if (run === null || run.tonight === null) return true;
    const night = nightPackageIds(run.tonight);
    if (result.errors.length === 0 && result.drift.length === 0) this.checks = await checkNight(out, this.config, night, this.options);
    const failedCheck = this.checks.find((c) => c.result === 'failed');
    if (result.errors.length === 0 && result.drift.length === 0 && failedCheck === undefined) return true;
    await withholdNight(out, night, this.publishedBefore);
    if (failedCheck !== undefined) {
      result.errors.push({
        code: 'ERR_NIGHT_NOT_PUBLISHED',
        message: `night ${this.date} not published: the ${failedCheck.name} check failed: ${failedCheck.summary ?? ''}`.trim(),
        hint: `The metadata still serves ${this.served?.night ?? 'no night'}; see status.json (or mageos-repo status) for the check's log.`,
      });
    }
    return false;
  }

  /** After a published night: the nights the metadata now serves. */
  keepNights(out: OutputDirectory): void {
    if (this.run !== null) out.state.nights = this.run.retained;
  }

  /** Writes the night into status.json and the build result. */
  async record(out: OutputDirectory, result: BuildResult, sessions: readonly SourceSession[], published: boolean): Promise<void> {
    const run = this.run;
    const unchanged = run !== null && run.tonight === null;
    const outcome = unchanged ? 'unchanged' : published ? 'published' : 'failed';
    // An unchanged night shows the night served, with nothing new since.
    const tonight = unchanged ? (this.served ?? null) : (run?.tonight ?? null);
    const changed = tonight === null ? [] : changedPackages(tonight, this.served);
    const firstError = result.errors.find((e) => e.code !== 'ERR_NIGHT_NOT_PUBLISHED');
    const build: CheckResult = { name: 'build', result: firstError === undefined ? 'passed' : 'failed', ...(firstError ? { summary: firstError.message } : {}) };
    const served = await this.write(out, sessions, {
      result: outcome,
      tonight,
      built: result.counts.built,
      reused: result.counts.reused,
      changed,
      checks: unchanged ? [] : [build, ...this.checks],
      ...(firstError === undefined ? {} : { error: { code: firstError.code, message: firstError.message } }),
    });
    result.night = { night: this.date, result: outcome, served, checks: this.checks, changed };
  }

  /** A night that stopped with an error: recorded as failed, the metadata untouched. */
  async recordFailure(out: OutputDirectory, error: unknown, sessions: readonly SourceSession[]): Promise<void> {
    const code = error instanceof MageosError ? error.code : 'ERR_INTERNAL';
    if (code === 'ERR_LOCKED' || code === 'ERR_INTERRUPTED') return;
    const tonight = this.run?.tonight ?? null;
    await this.write(out, sessions, {
      result: 'failed',
      tonight,
      built: 0,
      reused: 0,
      changed: tonight === null ? [] : changedPackages(tonight, this.served),
      checks: [{ name: 'build', result: 'failed', summary: (error as Error).message }],
      error: { code, message: (error as Error).message },
    });
  }

  /** Adds this run to status.json; returns the night the metadata serves. */
  private async write(out: OutputDirectory, sessions: readonly SourceSession[], outcome: Omit<NightOutcome, 'night' | 'startedAt' | 'before'>): Promise<string | null> {
    const served = (out.state.nights ?? []).at(-1)?.night ?? null;
    await recordNight(out, this.config.baseUrl, { night: this.date, startedAt: this.startedAt, before: this.served, ...outcome }, served, sessions);
    return served;
  }
}
