// Runs the current Mage-OS generator (github.com/mage-os/generate-mirror-repo-js) on one repository of its mirror
// build, as a baseline for `npm run bench -- --compare-command`. Usage:
//   node bench/reference/mirror-generator.cjs <generator checkout> <its repositories dir> <repository name> <out dir>
// The repositories dir holds a working clone named like the repository (e.g. mirror-security-package), so the
// generator reads it instead of cloning from GitHub. Only its archives are built (no satis metadata).
const { join, resolve } = require('node:path');

const [generator, repositories, name, out] = process.argv.slice(2).map((a, i) => (i === 2 ? a : resolve(a)));
if (out === undefined) {
  console.error('usage: mirror-generator.cjs <generator checkout> <repositories dir> <repository name> <out dir>');
  process.exit(2);
}
const load = (path) => require(join(generator, path));
const repo = load('src/repository');
const { setArchiveBaseDir } = load('src/package-modules');
const { processMirrorInstruction } = load('src/mirror-build-tools');
const { buildConfig } = load('src/build-config/mirror-build-config');
const BuildState = load('src/type/build-state');

const instruction = buildConfig.find((i) => (i.repoUrl ?? '').replace(/\.git$/, '').endsWith(`/${name}`));
if (instruction === undefined) {
  console.error(`the generator's mirror build has no repository named ${name}`);
  process.exit(2);
}
setArchiveBaseDir(out);
repo.setStorageDir(repositories);
processMirrorInstruction(instruction, new BuildState({ composerRepoUrl: 'https://mirror.mage-os.org/' })).catch((error) => {
  console.error(error);
  process.exit(1);
});
