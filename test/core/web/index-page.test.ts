import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { Script } from 'node:vm';
import fc from 'fast-check';
import type { PublishedArtifact } from '../../../src/core/state/build-state.js';
import { normalizeVersion } from '../../../src/core/version/index.js';
import { escapeHtml } from '../../../src/core/web/escape-html.js';
import { indexPage } from '../../../src/core/web/index-page.js';
import { INDEX_SCRIPT } from '../../../src/core/web/index-script.js';
import { shellWord } from '../../../src/core/web/shell-word.js';

const BASE = 'https://repo.example/';

function artifact(name: string, version: string, json: Record<string, unknown> = {}, normalized = normalizeVersion(version)): PublishedArtifact {
  return {
    name, version, versionNormalized: normalized, kind: 'package', source: 's', tag: version, commit: 'c', time: 0, dir: '', key: `${name}@${version}`,
    file: `packages/${name}-${version}.zip`, sha1: 's', size: 1, composerJson: JSON.stringify({ name, version, ...json }),
  };
}

/** The HTML of one package's entry. */
function entry(page: string, name: string): string {
  const start = page.indexOf(`<details data-name="${escapeHtml(name)}">`);
  assert.ok(start >= 0, `${name} is listed`);
  return page.slice(start, page.indexOf('</details>', start));
}

/** Text of the command lines offered to copy, unescaped. */
const commandLines = (html: string): string[] =>
  [...html.matchAll(/<div class="cmd"><code>(.*?)<\/code>/g)].map((m) => (m[1] as string).replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&'));

describe('the index page', () => {
  const page = indexPage(
    [
      artifact('acme/alpha', '1.1.6', { description: 'Alpha 1.1.6', license: ['OSL-3.0', 'AFL-3.0'], require: { php: '>=8.1', 'acme/beta': '^1.0' } }),
      artifact('acme/alpha', '1.1.7-beta1', { description: 'Alpha next', require: { php: '>=8.3' } }),
      artifact('acme/alpha', '1.0.0'),
      artifact('acme/beta', '1.1.7-beta1', { description: 'Only a beta', license: 'MIT' }),
      artifact('acme/project', '2.0.0', { type: 'project', description: 'Start here' }),
    ],
    BASE,
  );

  it('heads each package with the version Composer installs by default, and a newer pre-release beside it', () => {
    assert.match(entry(page, 'acme/alpha'), /<summary><b>acme\/alpha<\/b> <span class="v">1\.1\.6<\/span> <span class="pre">pre-release 1\.1\.7-beta1<\/span>/);
    assert.match(entry(page, 'acme/beta'), /<span class="v">1\.1\.7-beta1<\/span> <span class="pre">no stable version<\/span>/);
  });

  it('shows description, license and requirements of the headline version, and every version newest first', () => {
    const alpha = entry(page, 'acme/alpha');
    assert.match(alpha, /<span class="d">Alpha 1\.1\.6<\/span>/);
    assert.match(alpha, /license OSL-3\.0 or AFL-3\.0/);
    assert.match(alpha, /1\.1\.6 requires:<\/p><ul class="req"><li>php &gt;=8\.1<\/li><li>acme\/beta \^1\.0<\/li><\/ul>/);
    assert.match(alpha, /<p class="versions">1\.1\.7-beta1, <b>1\.1\.6<\/b>, 1\.0\.0<\/p>/);
    assert.match(alpha, /<a href="packages\/acme\/alpha-1\.1\.6\.zip">1\.1\.6 archive<\/a> · <a href="p2\/acme\/alpha\.json">/);
    assert.match(entry(page, 'acme/project'), /no license stated/);
  });

  it('gives each package its own install line: require, with a stability constraint when there is no stable version', () => {
    assert.deepEqual(commandLines(entry(page, 'acme/alpha')), ['composer require acme/alpha']);
    assert.deepEqual(commandLines(entry(page, 'acme/beta')), ['composer require "acme/beta:^1.1@beta"']);
  });

  it('names in each Copy button the line it copies, for a screen reader', () => {
    const buttons = [...page.matchAll(/<code>([^<]*)<\/code><button type="button" class="copy" aria-label="([^"]*)">Copy<\/button>/g)];
    assert.ok(buttons.length >= 3);
    for (const [, code, label] of buttons) assert.equal(label, `Copy: ${code}`);
    assert.ok(buttons.some(([, , label]) => label === 'Copy: composer require acme/alpha'));
  });

  it('names the repository\'s project template in the create-project line', () => {
    const create = `composer create-project --repository-url=${BASE} acme/project project`;
    assert.deepEqual(commandLines(entry(page, 'acme/project')), [create]);
    assert.deepEqual(commandLines(page.slice(0, page.indexOf('<details'))), [`composer config repositories.mirror composer ${BASE}`, create]);
  });

  it('offers no create-project line when the repository has no project template', () => {
    const plain = indexPage([artifact('acme/alpha', '1.0.0')], BASE);
    assert.deepEqual(commandLines(plain.slice(0, plain.indexOf('<details'))), [`composer config repositories.mirror composer ${BASE}`]);
    assert.doesNotMatch(plain, /create-project/);
  });

  it('with several project templates, offers a line for each, pre-release templates with their constraint', () => {
    const two = indexPage([artifact('acme/shop', '1.0.0', { type: 'project' }), artifact('acme/next', '2.0.0-RC1', { type: 'project' })], BASE);
    assert.deepEqual(commandLines(two.slice(0, two.indexOf('<details'))).slice(1), [
      `composer create-project --repository-url=${BASE} acme/next next "^2.0@RC"`,
      `composer create-project --repository-url=${BASE} acme/shop shop`,
    ]);
  });

  it('shows a package whose composer.json is odd (not JSON, a license that is no text, a list as require) without its facts', () => {
    const odd = (version: string, composerJson: string) => ({ ...artifact('acme/odd', version), composerJson });
    const page = indexPage([odd('1.0.0', 'not json'), odd('1.1.0', '{"license": 3, "require": ["a"], "description": {"x": 1}}')], BASE);
    assert.match(entry(page, 'acme/odd'), /<span class="v">1\.1\.0<\/span><\/summary>.*library, no license stated.*1\.1\.0 requires nothing\./);
  });

  it('has a script that compiles, and shows the filter and copy buttons only when it runs', () => {
    assert.doesNotThrow(() => new Script(INDEX_SCRIPT));
    assert.ok(page.includes(`<script>${INDEX_SCRIPT}</script>`));
    assert.match(page, /\.copy\{display:none;[^}]*\}\.js \.copy\{display:inline-block\}/);
    assert.match(page, /#search\{display:none;[^}]*\}\.js #search\{display:block\}/);
    assert.match(page, /<label for="filter">/);
  });
});

describe('the index page built from hostile composer.json files', () => {
  it('escapes a description, license, type and requirement that hold markup', () => {
    const evil = '<script>alert(1)</script>"><img src=x onerror=alert(2)>';
    const page = indexPage([artifact('acme/evil', '1.0.0', { description: evil, license: evil, type: evil, require: { [evil]: evil } })], BASE, evil);
    assert.doesNotMatch(page, /<img|<script>alert/);
    assert.ok(page.includes(escapeHtml(evil)));
  });

  it('quotes a branch version in the line it offers to copy so that the shell passes it on unchanged', () => {
    const branch = `dev-x';touch /tmp/pwned;'$(id)"`;
    const page = indexPage([artifact('acme/dev', branch, {}, branch)], BASE);
    const [line] = commandLines(entry(page, 'acme/dev'));
    assert.match(entry(page, 'acme/dev'), /<a href="p2\/acme\/dev~dev\.json">/);
    assert.equal(line, `composer require ${shellWord(`acme/dev:${branch}`)}`);
    const args = execFileSync('sh', ['-c', `printf '%s\\n' ${(line as string).slice('composer require '.length)}`], { encoding: 'utf8' });
    assert.equal(args, `acme/dev:${branch}\n`);
  });

  it('never lets random names, descriptions, licenses, types, requirements, branches or titles become markup', () => {
    const TAGS = new Set(['html', 'head', 'meta', 'title', 'style', 'body', 'h1', 'h2', 'p', 'div', 'code', 'button', 'label', 'input', 'span', 'details', 'summary', 'b', 'ul', 'li', 'a', 'footer', 'script']);
    const ATTRIBUTES = new Set(['lang', 'charset', 'name', 'content', 'type', 'class', 'id', 'for', 'autocomplete', 'spellcheck', 'aria-describedby', 'aria-controls', 'role', 'hidden', 'data-name', 'href', 'aria-label']);
    const tag = /^<\/?([a-z0-9]+)((?:\s+[a-z-]+(?:="[^"<>]*")?)*)\s*>$/;
    const markupish = fc.constantFrom('<', '>', '"', "'", '&', '/', '=', ' ', '-', 'a', 'script', 'img', 'onerror', '&amp;', '<!--', ']]>', '\n', '\u2028');
    const text = fc.oneof(fc.string({ unit: markupish, maxLength: 20 }), fc.string({ unit: 'binary', maxLength: 40 }));
    fc.assert(
      fc.property(fc.uniqueArray(fc.tuple(text, text, text, text, text, text), { minLength: 1, maxLength: 4, selector: ([name]) => name }), text, (packages, title) => {
        const artifacts = packages.map(([name, description, license, type, requireName, branch], i) => [
          artifact(name, '1.0.0', { description, license: [license], type, require: { [requireName]: branch } }),
          artifact(name, `dev-${branch}`, {}, `dev-${branch}${i}`),
        ]).flat();
        const page = indexPage(artifacts, BASE, title);
        const [head, rest] = page.split('<style>') as [string, string];
        const [, body] = rest.split('</style>') as [string, string];
        assert.equal(page.split('<style>').length, 2);
        assert.equal(body.split('<script>').length, 2, 'one script, ours');
        const markup = head + body.slice(0, body.indexOf('<script>'));
        for (const t of markup.replace(/^<!doctype html>/, '').match(/<[^>]*>?/g) ?? []) {
          const m = tag.exec(t);
          assert.ok(m, `well-formed tag ${t}`);
          assert.ok(TAGS.has(m[1] as string), `known tag ${t}`);
          for (const [, attribute] of (m[2] as string).matchAll(/\s+([a-z-]+)(?:="[^"]*")?/g)) assert.ok(ATTRIBUTES.has(attribute as string), `known attribute in ${t}`);
        }
        assert.doesNotMatch(markup.replace(/<[^>]*>/g, ''), /[<>"]/, 'no markup character in text');
        for (const [name, description] of packages) {
          assert.ok(page.includes(`data-name="${escapeHtml(name)}"`));
          if (description.trim() !== '') assert.ok(page.includes(escapeHtml(description.trim())));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('quotes any argument so that the shell passes it on unchanged', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 30 }).filter((w) => !w.includes('\0')), (word) => {
        assert.equal(execFileSync('sh', ['-c', `printf '%s' ${shellWord(word)}`], { encoding: 'utf8' }), word);
      }),
      { numRuns: 60 },
    );
  });
});
