import { MageosError } from '../../core/errors.js';
import { FilePacker, type PackedFiles } from '../../core/plan/packed-files.js';
import type { ReleasePlan } from '../../core/plan/plan-release.js';
import { type ArtifactFile, type ArtifactSummary, artifactId, type PlannedArtifact, type ReleaseRef } from '../../core/plan/types.js';

/**
 * Files of fresh plans kept in memory for the write step (packed, ~25 bytes a file: 2.5 million is ~60 MB); the
 * plans past this are made again when needed. A synthetic Magento history of 63 releases (bench:history) writes 1.3
 * million files; planned again release by release, its write phase spent ~4 s planning on the build's thread, and
 * the versions of a package, no longer written one after another, read their shared files from git again.
 */
const MAX_KEPT_FILES = 2_500_000;
/** Plans made again that stay in memory: archives are written release by release, a few at a time. */
const MAX_REPLANNED = 3;

const versionId = (a: ArtifactSummary) => `${a.name}@${a.versionNormalized}`;
const jobId = (a: ArtifactSummary) => `${a.source}\0${a.tag}\0${a.name}\0${a.key}`;

/** An artifact of a kept plan: its file list packed, unless packing does not keep what it holds. */
type KeptArtifact = Omit<PlannedArtifact, 'files'> & { files: ArtifactFile[] | PackedFiles };
type KeptPlan = Omit<ReleasePlan, 'artifacts'> & { artifacts: KeptArtifact[] };

/**
 * Where the write step finds an artifact's files: a plan kept from planning, or the release planned again (once).
 * Only artifacts that may be written are held: a package version an earlier release already has is not built
 * from a later one, and once the writes are known, nothing else.
 */
export class ReleasePlans {
  private readonly kept = new Map<ReleaseRef, KeptPlan>();
  private readonly packer = new FilePacker();
  private keptFiles = 0;
  private readonly seen = new Set<string>();
  private readonly replanned = new Map<ReleaseRef, Promise<ReleasePlan>>();
  private expected: Set<string> | null = null;
  /** Releases still to be planned again, by source; and what to do once a source has none left. */
  private toReplan = new Map<string, Set<string>>();
  private onReplanned: (source: string) => void = () => {};

  constructor(
    private readonly replan: (release: ReleaseRef) => Promise<ReleasePlan>,
    private readonly maxKeptFiles = MAX_KEPT_FILES,
  ) {}

  /** Keeps the artifacts of a fresh plan that may be written, if they fit in the budget. */
  keep(release: ReleaseRef, plan: ReleasePlan): void {
    // An artifact whose files were not read is planned again if it is to be written.
    const fresh = plan.artifacts.filter((a) => a.filesNotRead !== true && (a.kind === 'metapackage' || !this.seen.has(versionId(a))));
    for (const a of plan.artifacts) this.seen.add(versionId(a));
    const files = fresh.reduce((n, a) => n + a.files.length, 0);
    if (this.keptFiles + files > this.maxKeptFiles) return;
    const artifacts = fresh.map((a): KeptArtifact => ({ ...a, files: this.packer.pack(a.files) ?? a.files }));
    this.kept.set(release, { ...plan, artifacts });
    this.keptFiles += files;
  }

  /**
   * The artifacts that will be written: everything else is let go. `onReplanned` is told when a source's last
   * release to plan again has been planned, so what planning keeps for the next release can go.
   */
  expect(toWrite: readonly ArtifactSummary[], onReplanned?: (source: string) => void): void {
    this.expected = new Set(toWrite.map(jobId));
    for (const [release, plan] of this.kept) this.kept.set(release, this.onlyExpected(plan));
    const inMemory = this.inMemory();
    for (const a of toWrite) {
      if (inMemory(a)) continue;
      let tags = this.toReplan.get(a.source);
      if (tags === undefined) this.toReplan.set(a.source, (tags = new Set()));
      tags.add(a.tag);
    }
    if (onReplanned !== undefined) this.onReplanned = onReplanned;
  }

  /** Which artifacts have their plan in memory now (the others are planned again when written). */
  inMemory(): (a: ArtifactSummary) => boolean {
    const ids = new Set<string>();
    for (const plan of this.kept.values()) for (const a of plan.artifacts) ids.add(jobId(a));
    return (a) => ids.has(jobId(a));
  }

  /** An artifact to write; one handed out from a kept plan is let go there (each is written once). */
  async artifact(release: ReleaseRef, a: ArtifactSummary): Promise<PlannedArtifact> {
    const same = (p: Omit<PlannedArtifact, 'files'>) => p.key === a.key && p.name === a.name;
    const kept = this.kept.get(release);
    const fromKept = kept?.artifacts.find(same);
    if (kept !== undefined && fromKept !== undefined) {
      this.kept.set(release, { ...kept, artifacts: kept.artifacts.filter((p) => p !== fromKept) });
      const { files } = fromKept;
      return { ...fromKept, files: Array.isArray(files) ? files : this.packer.unpack(files) };
    }
    const found = (await this.planAgain(release)).artifacts.find(same);
    if (found === undefined) throw new MageosError('ERR_INTERNAL', `plan of ${artifactId(a)} at ${a.tag} changed during the build`);
    if (found.filesNotRead === true) throw new MageosError('ERR_INTERNAL', `plan of ${artifactId(a)} at ${a.tag} was made again without its files`);
    return found;
  }

  // Concurrent writers of the same release share one planning.
  private planAgain(release: ReleaseRef): Promise<ReleasePlan> {
    let plan = this.replanned.get(release);
    if (plan === undefined) {
      plan = this.replan(release).then((p) => {
        const tags = this.toReplan.get(release.source);
        if (tags?.delete(release.tag) === true && tags.size === 0) this.onReplanned(release.source);
        return this.onlyExpected(p);
      });
      this.replanned.set(release, plan);
      if (this.replanned.size > MAX_REPLANNED) this.replanned.delete(this.replanned.keys().next().value as ReleaseRef);
    }
    return plan;
  }

  private onlyExpected<P extends { artifacts: ArtifactSummary[] }>(plan: P): P {
    const expected = this.expected;
    return expected === null ? plan : { ...plan, artifacts: plan.artifacts.filter((a) => expected.has(jobId(a))) };
  }
}
