import { createRepo, type FixtureRepo } from './git-fixture.js';

const json = (value: unknown) => `${JSON.stringify(value, null, 4)}\n`;

/**
 * A monorepo of Composer packages that require each other: a project template (whose repositories point at
 * `repositoryUrl`), acme/lib-a (requires acme/lib-b ~1.1) and acme/lib-b; tags 1.0.0 and 1.1.0.
 */
export function createLibraryRepo(repositoryUrl: string): FixtureRepo {
  const repo = createRepo();
  const lib = (dir: string, name: string, version: string, require: Record<string, string>, php: string) => {
    repo.writeFile(`${dir}/composer.json`, json({ name, description: `${name} library`, type: 'library', version, license: 'MIT', require, autoload: { 'psr-4': { [`Acme\\${dir}\\`]: 'src/' } } }));
    repo.writeFile(`${dir}/src/Main.php`, `<?php\nnamespace Acme\\${dir};\nclass Main { const VERSION = '${version}'; }\n${php}`);
  };
  repo.writeFile(
    'project/composer.json',
    json({
      name: 'acme/project',
      description: 'A project template',
      type: 'project',
      license: 'MIT',
      require: { 'acme/lib-a': '^1.0' },
      repositories: [{ type: 'composer', url: repositoryUrl }, { 'packagist.org': false }],
      config: { 'secure-http': false },
    }),
  );
  repo.writeFile('project/README.md', 'my project\n');
  lib('LibA', 'acme/lib-a', '1.0.0', { 'acme/lib-b': '~1.1' }, '');
  lib('LibB', 'acme/lib-b', '1.1.0', {}, '');
  repo.commit('1.0.0');
  repo.tag('1.0.0');
  lib('LibB', 'acme/lib-b', '1.1.1', {}, '// fix\n');
  repo.commit('1.0.1');
  repo.tag('1.0.1');
  return repo;
}

/** Adds a release where acme/lib-a 1.1.0 appears. */
export function releaseLibA110(repo: FixtureRepo): void {
  repo.writeFile('LibA/composer.json', repo.git(['show', 'HEAD:LibA/composer.json']).replace('"version": "1.0.0"', '"version": "1.1.0"') + '\n');
  repo.writeFile('LibA/src/New.php', '<?php\nnamespace Acme\\LibA;\nclass NewFeature {}\n');
  repo.commit('1.1.0');
  repo.tag('1.1.0');
}
