import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createModulesRepo } from '../support/module-repo.js';
import { runCli } from '../support/cli.js';
import { removeTempDirs, tempDir } from '../app/build-helpers.js';

after(removeTempDirs);

const doc = readFileSync(new URL('../../docs/build-output.md', import.meta.url), 'utf8');
/** The fields of the table: the first cell of each row, `name` or `name[]`. */
const documented = new Set([...doc.matchAll(/^\| `(\w+)(?:\[\])?` \|/gm)].map((m) => m[1]));
const example = JSON.parse(/```json\n([^]*?)\n```/.exec(doc)?.[1] ?? 'null') as Record<string, unknown>;

describe('docs/build-output.md', () => {
  it('documents every field build --json prints, and its example has the same fields and an absolute outDir', () => {
    const repo = createModulesRepo();
    const run = runCli(['build', '--source', repo.dir, '--out', join(tempDir(), 'repo'), '--json']);
    assert.equal(run.code, 0, run.stderr);
    const printed = JSON.parse(run.stdout) as Record<string, unknown> & { outDir: string; sources: Array<Record<string, unknown>> };
    assert.deepEqual(Object.keys(printed).filter((k) => !documented.has(k)), [], 'printed but not documented');
    assert.deepEqual(Object.keys(example), Object.keys(printed), 'the example shows the fields a plain build prints, in order');
    assert.ok(isAbsolute(printed.outDir) && isAbsolute(example.outDir as string), 'outDir is absolute, in the output and in the example');
    const sourceRow = /^\| `sources\[\]` \|(.*)$/m.exec(doc)?.[1] ?? '';
    for (const key of Object.keys(printed.sources[0] ?? {})) assert.ok(sourceRow.includes(`\`${key}\``) || sourceRow.includes(`\`${key}[]\``), `sources[].${key} is described`);
    repo.cleanup();
  });

});

describe('README.md', () => {
  it('its documentation list names every doc in docs/', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('\n## Documentation\n'));
    const listed = [...section.matchAll(/^- \[docs\/([\w-]+\.md)\]\(docs\/\1\): \S/gm)].map((m) => m[1]);
    const docs = readdirSync(new URL('../../docs/', import.meta.url)).filter((n) => n.endsWith('.md'));
    assert.deepEqual([...listed].sort(), docs.sort());
  });
});
