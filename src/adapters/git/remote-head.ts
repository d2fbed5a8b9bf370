import { runGit } from './git-command.js';

/**
 * Points a bare cache clone's HEAD at the remote's default branch, which `git init --bare` cannot know;
 * builds with --offline then read the same branch. When the remote does not say, HEAD stays as it is.
 */
export async function followRemoteHead(gitDir: string, url: string): Promise<void> {
  const answer = await runGit(null, ['ls-remote', '--symref', url, 'HEAD'], { allowFailure: true });
  const branch = /^ref: (refs\/heads\/[^\t\n]+)\tHEAD$/m.exec(answer.stdout.toString('utf8'))?.[1];
  if (answer.code === 0 && branch !== undefined) await runGit(gitDir, ['symbolic-ref', 'HEAD', branch]);
}
