import { createRepo, type FixtureRepo } from './git-fixture.js';

/** A module's composer.json as upstream writes it: 4-space indent and a trailing newline. */
export function moduleJson(name: string, version: string | null, extra: Record<string, unknown> = {}): string {
  const json: Record<string, unknown> = { name, description: `The ${name} module`, type: 'magento2-module' };
  if (version !== null) json.version = version;
  Object.assign(json, { license: ['OSL-3.0'], ...extra, autoload: { files: ['registration.php'] } });
  return `${JSON.stringify(json, null, 4)}\n`;
}

export function writeModule(repo: FixtureRepo, dir: string, name: string, version: string | null, files: Record<string, string> = {}, extra: Record<string, unknown> = {}): void {
  repo.writeFile(`${dir}/composer.json`, moduleJson(name, version, extra));
  repo.writeFile(`${dir}/registration.php`, `<?php\n// ${name}\n`);
  for (const [path, content] of Object.entries(files)) repo.writeFile(`${dir}/${path}`, content);
}

export function writeMetapackage(repo: FixtureRepo, name: string, requires: Record<string, string>, version: string | null = null): void {
  const json: Record<string, unknown> = { name, description: 'All the modules', type: 'metapackage' };
  if (version !== null) json.version = version;
  json.require = requires;
  repo.writeFile('_metapackage/composer.json', `${JSON.stringify(json, null, 4)}\n`);
  repo.writeFile('_metapackage/README.md', 'not in the archive\n');
}

/**
 * A security-package-like repository: module directories at the root and a `_metapackage`.
 * Tags: 1.0.0 (a 1.0.0, b 1.0.0), 1.0.1 (a 1.0.1, b unchanged), 1.1.0 (a 1.0.1, b 1.1.0).
 */
export function createModulesRepo(): FixtureRepo {
  const repo = createRepo();
  repo.writeFile('README.md', 'root readme\n');
  writeModule(repo, 'ModA', 'acme/module-a', '1.0.0', { 'Model/Thing.php': '<?php class Thing {}\n', 'etc/module.xml': '<config/>\n' });
  writeModule(repo, 'ModB', 'acme/module-b', '1.0.0', { 'Api/B.php': '<?php interface B {}\n', 'bin/tool': '#!/bin/sh\necho b\n' });
  repo.writeFile('ModB/bin/tool', '#!/bin/sh\necho b\n', { mode: 0o755 });
  writeMetapackage(repo, 'acme/bundle', { 'acme/module-a': '1.0.0', 'acme/module-b': '1.0.0' });
  repo.commit('1.0.0');
  repo.tag('1.0.0');
  writeModule(repo, 'ModA', 'acme/module-a', '1.0.1', { 'Model/Thing.php': '<?php class Thing { /* fixed */ }\n' });
  writeMetapackage(repo, 'acme/bundle', { 'acme/module-a': '1.0.1', 'acme/module-b': '1.0.0' });
  repo.commit('1.0.1');
  repo.tag('1.0.1', { annotated: true, message: 'release 1.0.1' });
  writeModule(repo, 'ModB', 'acme/module-b', '1.1.0', { 'Api/B2.php': '<?php interface B2 {}\n' });
  writeMetapackage(repo, 'acme/bundle', { 'acme/module-a': '1.0.1', 'acme/module-b': '1.1.0' });
  repo.commit('1.1.0');
  repo.tag('1.1.0');
  return repo;
}
