import type { Command } from 'commander';
import type { PublishResult } from '../../app/publish/publish-result.js';
import { parsePublishTarget } from '../../core/publish/publish-target.js';
import { untilInterrupted } from '../interrupt.js';
import { wholeNumberOption } from '../option-values.js';
import { printJson } from '../output.js';
import { progressReporter } from '../progress.js';

interface PublishFlags {
  endpoint?: string;
  region?: string;
  pathStyle?: boolean;
  dryRun?: boolean;
  delete: boolean;
  graceDays: string;
  metadataMaxAge: string;
  concurrency: string;
  json?: boolean;
  progress: boolean;
}

export function registerPublish(program: Command, setExit: (code: number) => void): void {
  program
    .command('publish')
    .description('upload a built repository to S3-compatible object storage, in an order that keeps it installable (see docs/mirror.md)')
    .argument('<dir>', 'repository directory (the --out of a build)')
    .argument('<target>', 's3://<bucket>/<prefix> to publish to (the prefix belongs to the repository: objects under it that the directory lacks are deleted after the grace period)')
    .option('--endpoint <url>', 'S3-compatible endpoint (R2, MinIO, Ceph, Spaces…); default: AWS_ENDPOINT_URL_S3 or AWS itself')
    .option('--region <region>', 'region; default: AWS_REGION or ~/.aws/config (us-east-1 with --endpoint when none is set)')
    .option('--path-style', 'bucket name in the URL path, not the host name (the default with --endpoint)')
    .option('--no-path-style', 'bucket name in the host name even with --endpoint')
    .option('--dry-run', 'list what would be uploaded and deleted; change nothing')
    .option('--no-delete', 'never delete objects from the bucket')
    .option('--grace-days <days>', 'days an object gone from the directory stays in the bucket before it is deleted', '7')
    .option('--metadata-max-age <seconds>', 'seconds a CDN may cache packages.json, p2/ and the pages before revalidating (0: no-cache)', '0')
    .option('--concurrency <n>', 'uploads at a time', '8')
    .option('--json', 'print the result as JSON on stdout')
    .option('--no-progress', 'no progress bar on stderr (it shows only on a terminal)')
    .action(async (dir: string, target: string, flags: PublishFlags) => {
      const publishTarget = parsePublishTarget(target);
      const graceDays = wholeNumberOption('--grace-days', flags.graceDays, 0, 7);
      const metadataMaxAge = wholeNumberOption('--metadata-max-age', flags.metadataMaxAge, 0, 60);
      const concurrency = wholeNumberOption('--concurrency', flags.concurrency, 1, 8);
      // The SDK reads these too, but the path-style default and the publish records need the endpoint known here.
      const endpoint = flags.endpoint ?? process.env.AWS_ENDPOINT_URL_S3 ?? process.env.AWS_ENDPOINT_URL;
      // Loaded once the arguments are good: the AWS SDK is most of the command's code.
      const [{ publish }, { renderPublish }] = await Promise.all([import('../../app/publish/publish.js'), import('../render-publish.js')]);
      // The phase names are the labels.
      const progress = progressReporter(flags.progress, {});
      let result: PublishResult;
      try {
        result = await untilInterrupted((signal) =>
          publish({
            repoDir: dir,
            target: publishTarget,
            connection: {
              ...(endpoint === undefined || endpoint === '' ? {} : { endpoint }),
              ...(flags.region === undefined ? {} : { region: flags.region }),
              ...(flags.pathStyle === undefined ? {} : { pathStyle: flags.pathStyle }),
            },
            dryRun: flags.dryRun === true,
            deletes: flags.delete,
            graceMs: graceDays * 24 * 3600 * 1000,
            metadataMaxAge,
            concurrency,
            onProgress: progress.update,
            signal,
          }),
        );
      } finally {
        progress.stop();
      }
      if (flags.json) printJson(result);
      else process.stdout.write(`${renderPublish(result)}\n`);
      setExit(0);
    });
}
