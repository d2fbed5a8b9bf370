import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { configJsonSchemaText } from '../../../src/core/config/json-schema.js';
import { parseConfig } from '../../../src/core/config/parse-config.js';
import { MageosError } from '../../../src/core/errors.js';

function problems(raw: unknown): Array<{ path: string; message: string }> {
  try {
    parseConfig(raw, 'test.json');
  } catch (error) {
    assert.ok(error instanceof MageosError);
    assert.equal(error.code, 'ERR_CONFIG_INVALID');
    assert.equal(error.exitCode, 3);
    return error.details as Array<{ path: string; message: string }>;
  }
  assert.fail('expected the config to be refused');
}

describe('configuration', () => {
  it('fills defaults for a minimal config', () => {
    const config = parseConfig({ sources: [{ path: '/repo' }] }, 'test.json');
    assert.equal(config.format, 'mageos');
    assert.equal(config.symlinks, 'skip');
  });

  it('reports every problem at once, each with its JSON path', () => {
    const found = problems({
      format: 'tar',
      sources: [
        { url: 'x', path: 'y', packages: [{ type: 'modules' }] },
        { path: 'p', fixes: [{ action: 'skip', package: 'Not/Valid', reason: 'r' }, { action: 'set-version', package: 'a/b', tag: '1.0', reason: '' }] },
      ],
      colour: 'blue',
    });
    const paths = found.map((p) => p.path);
    assert.ok(paths.includes('$.format'));
    assert.ok(paths.includes('$.sources[0].packages[0].dir'));
    assert.ok(paths.includes('$.sources[0]'));
    assert.ok(paths.includes('$.sources[1].fixes[0].package'));
    assert.ok(paths.includes('$.sources[1].fixes[0]'), 'a fix without version or tag');
    assert.ok(paths.includes('$.sources[1].fixes[1].set'));
    assert.ok(paths.includes('$.sources[1].fixes[1].reason'));
    assert.deepEqual(found.find((p) => p.path === '$')?.message, 'unknown field(s) "colour"');
    assert.match(found.find((p) => p.path === '$.sources[0]')?.message ?? '', /exactly one of "url" or "path"/);
  });

  it('a misspelt field is named with the field it was likely meant as, wherever it is', () => {
    const found = problems({ titel: 'x', sources: [{ path: 'p', pakages: [{ type: 'modules', dir: '', exlude: ['dev'] }], fixes: [{ action: 'skip', package: 'a/b', Tag: '1.0.0', tag: '1.0.0', reason: 'r' }] }] });
    const message = (path: string) => found.find((p) => p.path === path)?.message;
    assert.equal(message('$'), 'unknown field(s) "titel" (did you mean "title"?)');
    assert.equal(message('$.sources[0]'), 'unknown field(s) "pakages" (did you mean "packages"?)');
    assert.equal(message('$.sources[0].fixes[0]'), 'unknown field(s) "Tag" (did you mean "tag"?)');
    assert.equal(problems({ sources: [{ path: 'p', packages: [{ type: 'modules', dir: '', exlude: ['dev'] }] }] })[0]?.message, 'unknown field(s) "exlude" (did you mean "exclude"?)');
  });

  it('says what each field expects and what it got', () => {
    const found = problems({
      format: 'zip',
      baseUrl: 'ftp://example.com/',
      title: 7,
      sources: [
        {
          path: 'p',
          name: 'two words',
          tags: { from: 'latest', skip: [3] },
          extraRefs: [{ ref: 'main', version: 'banana', reason: 'r' }],
          packages: [{ type: 'folder' }, { dir: 'x' }, { type: 'modules' }],
          fixes: [
            { action: 'frob' },
            { action: 'set-version', package: 'a/b', tag: '1.0', set: 'next', reason: '' },
            { action: 'exclude-files', package: 'a/b', tag: '1.0', files: [], reason: 'r' },
          ],
        },
      ],
    });
    const messages = Object.fromEntries(found.map((p) => [p.path, p.message]));
    assert.deepEqual(messages, {
      '$.format': 'expected one of "mageos", "deflate", got "zip"',
      '$.baseUrl': 'expected an http(s) URL such as https://repo.example.com/',
      '$.title': 'expected a string, got the number 7',
      '$.sources[0].name': 'expected a name of letters, digits, ".", "_" and "-" only',
      '$.sources[0].tags.from': 'expected a Composer version such as 1.2.3, 2.4.7-p1 or 2.4.x-dev',
      '$.sources[0].tags.skip[0]': 'expected a string, got the number 3',
      '$.sources[0].extraRefs[0].version': 'expected a Composer version such as 1.2.3, 2.4.7-p1 or 2.4.x-dev',
      '$.sources[0].packages[0].type': 'expected one of "auto", "modules", "directory", "metapackage", "composer-json", got "folder"',
      '$.sources[0].packages[1].type': 'missing (expected one of "auto", "modules", "directory", "metapackage", "composer-json")',
      '$.sources[0].packages[2].dir': 'missing (expected a string)',
      '$.sources[0].fixes[0].action':
        'expected one of "set-version", "edit-links", "skip", "replace-files", "exclude-files", "include-files", "allow-version-down", got "frob"',
      '$.sources[0].fixes[1].set': 'expected a Composer version such as 1.2.3, 2.4.7-p1 or 2.4.x-dev',
      '$.sources[0].fixes[1].reason': 'must not be empty',
      '$.sources[0].fixes[2].files': 'must list at least one entry',
    });
    assert.deepEqual(problems([]), [{ path: '$', message: 'expected an object, got an array' }]);
    assert.deepEqual(problems({ sources: [] }), [{ path: '$.sources', message: 'must list at least one entry' }]);
  });

  it('the committed JSON Schema matches the zod schema (regenerate with npm run schema)', () => {
    const committed = readFileSync(new URL('../../../schemas/config.schema.json', import.meta.url), 'utf8');
    assert.equal(committed, configJsonSchemaText());
  });

  it('every built-in profile is a valid config', async () => {
    const { profileNames, profilePath } = await import('../../../src/app/config/profiles.js');
    const names = profileNames();
    assert.ok(names.length > 0);
    for (const name of names) parseConfig(JSON.parse(readFileSync(profilePath(name), 'utf8')), name);
  });
});
