import { runGit } from './git-command.js';

async function lines(gitDir: string, args: string[]): Promise<string[] | null> {
  const run = await runGit(gitDir, args, { allowFailure: true });
  return run.code === 0 ? run.stdout.toString('utf8').split('\n').filter((line) => line !== '') : null;
}

/**
 * The subjects of the commits after `since` up to `until`, newest first, at most `cap`, and how many more there
 * were. Without `since`, or when it is no longer in the repository (a force push), the newest `cap` of `until`.
 */
export async function commitSubjects(gitDir: string, since: string | null, until: string, cap: number): Promise<{ subjects: string[]; more: number }> {
  if (since === until) return { subjects: [], more: 0 };
  const log = (range: string) => lines(gitDir, ['log', '--format=%s', `--max-count=${cap}`, '--end-of-options', range]);
  if (since !== null) {
    const count = await lines(gitDir, ['rev-list', '--count', '--end-of-options', `${since}..${until}`]);
    const subjects = count === null ? null : await log(`${since}..${until}`);
    if (count !== null && subjects !== null) return { subjects, more: Math.max(0, Number(count[0]) - subjects.length) };
  }
  return { subjects: (await log(until)) ?? [], more: 0 };
}
