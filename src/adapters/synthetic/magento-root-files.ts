import type { ContentContext } from './file-content.js';
import { className, freshPath, kebabCase, NOUNS, type PathPattern, snakeCase } from './module-files.js';
import { PackageFiles } from './package-files.js';
import { SeededRandom } from './seeded-random.js';

/** Where magento2-base's bulk lives in the real monorepo: tests, tools, setup and the web libraries, none inside a package. */
const ROOT_FILE_PATTERNS: PathPattern[] = [
  (r) => `dev/tests/integration/testsuite/Magento/${r.pick(NOUNS)}/${className(r)}Test.php`,
  (r) => `dev/tests/integration/testsuite/Magento/${r.pick(NOUNS)}/_files/${snakeCase(className(r))}.php`,
  (r) => `dev/tests/api-functional/testsuite/Magento/${r.pick(NOUNS)}/Api/${className(r)}Test.php`,
  (r) => `dev/tests/static/testsuite/Magento/Test/${r.pick(NOUNS)}/_files/${snakeCase(className(r))}.txt`,
  (r) => `dev/tests/js/jasmine/tests/lib/mage/${kebabCase(className(r))}.test.js`,
  (r) => `dev/tools/Magento/Tools/${r.pick(NOUNS)}/${className(r)}.php`,
  (r) => `lib/web/mage/${r.pick(NOUNS).toLowerCase()}/${kebabCase(className(r))}.js`,
  (r) => `lib/web/css/source/lib/${r.pick(NOUNS).toLowerCase()}/_${kebabCase(className(r))}.less`,
  (r) => `setup/src/Magento/Setup/${r.pick(NOUNS)}/${className(r)}.php`,
  (r) => `setup/src/Magento/Setup/Test/Unit/${r.pick(NOUNS)}/${className(r)}Test.php`,
];

/** `count` generated root files (none of them at a path in `taken`), seeded by `seed`; null for none. */
export function generatedRootFiles(seed: number, count: number, taken: Iterable<string>): PackageFiles | null {
  if (count === 0) return null;
  const r = SeededRandom.derive(seed, 'magento-root-files');
  const used = new Set(taken);
  const paths: string[] = [];
  while (paths.length < count) {
    const path = freshPath(r, ROOT_FILE_PATTERNS, used);
    used.add(path);
    paths.push(path);
  }
  const context: ContentContext = { vendorTitle: 'Magento', namespace: 'Magento', moduleName: 'Magento_Root', sequence: [], sourceRoot: '' };
  return new PackageFiles({ dir: '', key: `${seed}/root-files`, context, paths, patterns: ROOT_FILE_PATTERNS, executable: null, symlink: null });
}
