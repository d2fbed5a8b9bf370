// Bundles the command line into dist/bundle/ (one file per lazily loaded command): node then starts it
// from a handful of files instead of resolving and compiling some hundred modules, which is most of the
// time of a build that has nothing to do. `npm run build` runs it after tsc.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

rmSync('dist/bundle', { recursive: true, force: true });

await build({
  entryPoints: { 'mageos-repo': 'src/cli/main.ts' },
  outdir: 'dist/bundle',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Not minified: stack traces (--verbose) stay readable; minifying saved no measurable start-up time.
  logLevel: 'warning',
  // Dependencies written as CommonJS call require(); an ES module bundle has to provide it.
  banner: { js: "import { createRequire as mageosRepoRequire } from 'node:module'; const require = mageosRepoRequire(import.meta.url);" },
});
