import { escapeHtml } from '../web/escape-html.js';
import { type IntegrityProblem, type IntegrityReport, problemsByVersion } from './integrity-problem.js';
import { type ParityReport, parityPassed, type VersionDifference, type VersionRef } from './parity-report.js';
import { accessLine, type RepositoryAccess } from './repository-access.js';

const json = (value: unknown) => `<code>${escapeHtml(value === undefined ? '(absent)' : JSON.stringify(value))}</code>`;

const STYLE = `body{font:15px/1.45 system-ui,sans-serif;margin:0 auto;max-width:64rem;padding:1rem 1.5rem;color:#1d1d1f}
h1{font-size:1.5rem;margin:.5rem 0}h2{font-size:1.15rem;margin:1.4rem 0 .4rem}code{font:13px ui-monospace,monospace;background:#f3f3f5;border-radius:4px;padding:0 .25rem}
table{border-collapse:collapse}td,th{text-align:left;padding:.2rem .9rem .2rem 0}.ok{color:#1a7f37}.bad{color:#c62828}
details{border-top:1px solid #e3e3e8;padding:.35rem 0}summary{cursor:pointer}ul{margin:.3rem 0;padding-left:1.3rem}.k{color:#555}`;

function page(title: string, passed: boolean, summary: Array<[string, number | string]>, sections: string[]): string {
  const rows = summary.map(([label, value]) => `<tr><th>${escapeHtml(label)}</th><td>${escapeHtml(String(value))}</td></tr>`).join('');
  const verdict = passed ? '<p class="ok"><b>Passed</b></p>' : '<p class="bad"><b>Failed</b></p>';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>
<h1>${escapeHtml(title)}</h1>
${verdict}<table>${rows}</table>
${sections.join('\n')}
<footer><p class="k">Written by mageos-repo verify.</p></footer>
</body></html>
`;
}

/** Where remote repositories were fetched from and what was not, as the text report says it. */
const accessNotes = (access: readonly RepositoryAccess[]) => access.filter((a) => a.origin !== null).map((a) => `<p class="k">${escapeHtml(accessLine(a))}</p>`);

const details = (summary: string, items: string[]) => `<details><summary>${summary}</summary><ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul></details>`;

function problemItem(p: IntegrityProblem): string {
  return `<span class="bad">${escapeHtml(p.kind)}</span>: ${escapeHtml(p.message)}`;
}

/** The `verify integrity --html` page: verdict and counts first, then each package version's problems in a <details>. */
export function integrityPage(report: IntegrityReport): string {
  const sections = [...problemsByVersion(report.problems)].map(([what, problems]) => details(`<b>${escapeHtml(what)}</b> <span class="k">${problems.length} problem(s)</span>`, problems.map(problemItem)));
  const { counts } = report;
  return page(`Integrity of ${report.repository}`, counts.problems === 0, [
    ['packages', counts.packages],
    ['versions', counts.versions],
    ['archives checked', counts.archives],
    ['problems', counts.problems],
  ], [
    ...accessNotes(report.access),
    ...(sections.length > 0 ? ['<h2>Problems</h2>', ...sections] : []),
    ...(report.notChecked.length > 0 ? [details(`<b>Not checked</b> <span class="k">requirements on ${report.notChecked.length} package(s) of vendors this repository serves nothing of (--vendor checks them)</span>`, report.notChecked.map(escapeHtml))] : []),
  ]);
}

function differenceItems(d: VersionDifference): string[] {
  const c = (path: string) => `<code>${escapeHtml(path)}</code>`;
  return [
    ...d.problems.map((p) => `<span class="bad">problem</span>: ${escapeHtml(p)}`),
    ...(d.distOnlyIn === undefined ? [] : [`only ${d.distOnlyIn === 'ours' ? 'ours' : 'the reference'} has an archive`]),
    ...d.files.added.map((p) => `added (only in ours): ${c(p)}`),
    ...d.files.missing.map((p) => `missing (only in the reference): ${c(p)}`),
    ...d.files.changed.flatMap((f) => [
      ...(f.content ? [`content changed: ${c(f.path)} (ours crc32 ${f.content.ours.crc32}, ${f.content.ours.size} B; reference crc32 ${f.content.reference.crc32}, ${f.content.reference.size} B)`] : []),
      ...(f.mode ? [`mode changed: ${c(f.path)} (ours ${f.mode.ours}, reference ${f.mode.reference})`] : []),
    ]),
    ...d.composerJson.map((k) => `composer.json ${c(k.key)}: ours ${json(k.ours)}, reference ${json(k.reference)}`),
  ];
}

const refList = (title: string, refs: readonly VersionRef[]) =>
  refs.length === 0 ? [] : [details(`<b>${escapeHtml(title)}</b> <span class="k">${refs.length}</span>`, refs.map((r) => escapeHtml(`${r.package} ${r.version}`)))];

/** The `verify parity --html` page: verdict and counts first, then each differing version in a <details>. */
export function parityPage(report: ParityReport): string {
  const { counts } = report;
  const differing = report.differing.map((d) => {
    const items = differenceItems(d);
    return details(`<b>${escapeHtml(`${d.package} ${d.version}`)}</b> <span class="k">${items.length} difference(s)</span>`, items);
  });
  return page(`Parity of ${report.repository} against ${report.reference}`, parityPassed(report), [
    ['compared', counts.compared],
    ['identical', counts.identical],
    ['differing', counts.differing],
    ['only in ours', counts.onlyInOurs],
    ['only in reference', counts.onlyInReference],
    ['metadata problems', counts.problems],
  ], [
    ...accessNotes(report.access),
    ...(report.problems.length > 0 ? [details(`<b>Metadata problems</b> <span class="k">${report.problems.length}</span>`, report.problems.map((p) => escapeHtml(`${p.side === 'ours' ? 'ours' : 'the reference'}: ${p.version === null ? p.package : `${p.package} ${p.version}`}: ${p.message}`)))] : []),
    ...(report.warnings.length > 0 ? [details('<b>Warnings</b>', report.warnings.map(escapeHtml))] : []),
    ...(differing.length > 0 ? ['<h2>Differing versions</h2>', ...differing] : []),
    ...refList('Only in ours', report.onlyInOurs),
    ...refList('Only in the reference', report.onlyInReference),
  ]);
}
