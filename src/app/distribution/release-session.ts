import { join } from 'node:path';
import type { OutputDirectory } from '../../adapters/fs/output-directory.js';
import type { Config } from '../../core/config/schema.js';
import type { ReleasePlan } from '../../core/plan/plan-release.js';
import type { ReleaseRef } from '../../core/plan/types.js';
import type { BuildResult } from '../builder/build-result.js';
import type { PlanRelease, RefBuild } from '../builder/ref-build.js';
import type { SourceSession } from '../builder/source-session.js';
import { ReleaseRun } from './release-run.js';
import { upstreamVersions } from './upstream-versions.js';

export interface ReleaseOptions {
  /** The distribution's release version, e.g. 1.2.0. */
  version: string;
}

/** What a build does differently for a release of a distribution (mageos-repo release). */
export class ReleaseSession implements RefBuild {
  private run: ReleaseRun | null = null;

  private constructor(
    private readonly config: Config,
    private readonly options: ReleaseOptions,
    private readonly cacheDir: string,
  ) {}

  static forBuild(config: Config, options: ReleaseOptions | undefined, cacheDir: string): ReleaseSession | null {
    return options === undefined ? null : new ReleaseSession(config, options, cacheDir);
  }

  async prepare(sessions: SourceSession[], out: OutputDirectory, plan: PlanRelease): Promise<void> {
    const upstream = (u: { repository: string; version: string }) => upstreamVersions(u.repository, u.version, join(this.cacheDir, 'upstream-archives'));
    this.run = await ReleaseRun.prepare(sessions, this.config, out.state.distribution ?? [], this.options.version, upstream, plan);
  }

  identity(): string {
    return JSON.stringify({ distribution: this.config.distribution ?? null, nightly: this.config.nightly ?? null });
  }

  owns(session: SourceSession): boolean {
    return session.config.packages?.length !== 0;
  }

  releasesOf(session: SourceSession): ReleaseRef[] {
    return this.run?.releasesOf(session) ?? [];
  }

  plan(session: SourceSession, release: ReleaseRef, plan: PlanRelease): Promise<ReleasePlan> {
    return this.run === null ? plan(session, release) : this.run.plan(session, release, plan);
  }

  /** After a complete build: the releases the repository holds, this one included (a drifting release is not recorded). */
  keepReleases(out: OutputDirectory, result: BuildResult): void {
    if (this.run === null) return;
    const recorded = result.errors.length === 0 && result.drift.length === 0;
    if (recorded) out.state.distribution = this.run.releases;
    const { release } = this.run;
    result.release = { version: release.version, vendor: this.config.distribution?.vendor ?? '', packages: Object.keys(release.renames).length, magentoVersion: release.magentoVersion, recorded };
  }
}
