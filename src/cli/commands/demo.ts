import { resolve } from 'node:path';
import type { Command } from 'commander';
import { printJson } from '../output.js';
import { progressReporter } from '../progress.js';
import { renderBuild } from '../render-build.js';
import { buildExitCode } from './build.js';

/** The Magento demo builds with the mirror profile's fixes, made for releases the demo does not generate. */
const MAGENTO_DEMO_UNUSED_FIXES = "they are the mirror profile's, for Magento releases this demo does not generate (expected)";

export function registerDemo(program: Command, setExit: (code: number) => void): void {
  program
    .command('demo')
    .description('generate a sample git repository and build a Composer repository from it')
    .option('--out <dir>', 'repository to build (default ./demo-repo, with --magento ./demo-magento-repo)')
    .option('--source-dir <dir>', 'where the sample git repository is generated, kept and reused (default ./demo-source, with --magento ./demo-magento-source)')
    .option('--magento', 'generate a Magento-shaped monorepo and build it with the rules of the mirror profile')
    .option('--base-url <url>', 'URL the repository will be served from (default http://127.0.0.1:8080/)')
    .option('--json', 'machine-readable result on stdout')
    .action(async (flags: { out?: string; sourceDir?: string; magento?: boolean; baseUrl?: string; json?: boolean }) => {
      const { runDemo } = await import('../../app/demo.js');
      const progress = progressReporter(true);
      // Apart from the modules demo's, so that running both demos in one place keeps both.
      const name = flags.magento === true ? 'demo-magento' : 'demo';
      const demo = await runDemo({
        outDir: resolve(flags.out ?? `./${name}-repo`),
        sourceDir: resolve(flags.sourceDir ?? `./${name}-source`),
        magento: flags.magento === true,
        ...(flags.baseUrl ? { baseUrl: flags.baseUrl } : {}),
        onProgress: progress.update,
      }).finally(progress.stop);
      if (flags.json) printJson(demo);
      else {
        process.stdout.write(`${demo.generated ? 'generated' : 'reused'} sample source ${demo.sourceDir}\n`);
        process.stdout.write(`${renderBuild(demo.result, flags.magento ? { unusedFixesExpected: MAGENTO_DEMO_UNUSED_FIXES } : {})}\n`);
        process.stdout.write(`repository: ${demo.result.outDir}\n`);
      }
      setExit(buildExitCode(demo.result));
    });
}
