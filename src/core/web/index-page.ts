import { CONFIG_DEFAULTS } from '../config/defaults.js';
import { escapeHtml } from './escape-html.js';
import type { PublishedArtifact } from '../state/build-state.js';
import { compareVersions } from '../version/index.js';
import { repositoryUrl } from '../metadata/version-entry.js';


const STYLE = `body{font:15px/1.45 system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:1rem 1.5rem;color:#1d1d1f}
h1{font-size:1.6rem;margin:.5rem 0}code,pre{font:13px ui-monospace,monospace;background:#f3f3f5;border-radius:4px}
pre{padding:.6rem .8rem;overflow-x:auto}code{padding:0 .25rem}#filter{font:inherit;width:100%;padding:.45rem .6rem;margin:.8rem 0;box-sizing:border-box}
details{border-top:1px solid #e3e3e8;padding:.35rem 0}summary{cursor:pointer}summary b{font-weight:600}
.v{color:#555}.d{color:#444;margin-left:.4rem}ul.versions{columns:14rem;padding-left:1.2rem}ul.req{padding-left:1.2rem;margin:.2rem 0}
.meta{font-size:.85rem;color:#666}footer{margin-top:2rem;color:#777;font-size:.85rem}`;

const SCRIPT = `const f=document.getElementById('filter');f.hidden=false;const items=[...document.querySelectorAll('details[data-name]')];
const c=document.getElementById('count');f.addEventListener('input',()=>{const q=f.value.trim().toLowerCase();let n=0;
for(const d of items){const show=!q||d.dataset.name.includes(q);d.hidden=!show;if(show)n++}c.textContent=n});`;

function requirements(artifact: PublishedArtifact): string {
  const json = JSON.parse(artifact.composerJson) as { require?: Record<string, string> };
  const entries = Object.entries(json.require ?? {});
  if (entries.length === 0) return '<p class="meta">requires nothing</p>';
  return `<p class="meta">${escapeHtml(artifact.version)} requires:</p><ul class="req">${entries
    .map(([name, constraint]) => `<li><code>${escapeHtml(name)}</code> ${escapeHtml(constraint)}</li>`)
    .join('')}</ul>`;
}

/**
 * The repository's browsable index: every package with its versions, description, requirements and archive
 * links, a name filter that needs no network (and a plain list without JavaScript), and how to use the repository.
 */
export function indexPage(artifacts: Iterable<PublishedArtifact>, baseUrl: string, title: string = CONFIG_DEFAULTS.title): string {
  const byName = new Map<string, PublishedArtifact[]>();
  for (const a of artifacts) byName.set(a.name, [...(byName.get(a.name) ?? []), a]);
  const names = [...byName.keys()].sort();
  let versionCount = 0;
  const sections = names.map((name) => {
    const versions = (byName.get(name) ?? []).sort((a, b) => compareVersions(b.versionNormalized, a.versionNormalized));
    versionCount += versions.length;
    const latest = versions[0] as PublishedArtifact;
    const description = (JSON.parse(latest.composerJson) as { description?: unknown }).description;
    const links = versions
      .map((v) => {
        const label = escapeHtml(v.version);
        return v.kind === 'metapackage' ? `<li>${label} <span class="meta">metapackage</span></li>` : `<li><a href="${escapeHtml(repositoryUrl(baseUrl, v.file))}">${label}</a></li>`;
      })
      .join('');
    return `<details data-name="${escapeHtml(name)}"><summary><b>${escapeHtml(name)}</b> <span class="v">${escapeHtml(latest.version)}</span>${
      typeof description === 'string' ? `<span class="d">${escapeHtml(description)}</span>` : ''
    }</summary>${requirements(latest)}<p class="meta">${versions.length} version(s):</p><ul class="versions">${links}</ul></details>`;
  });
  const url = escapeHtml(baseUrl);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head><body>
<h1>${escapeHtml(title)}</h1>
<p><span id="count">${names.length}</span> of ${names.length} packages, ${versionCount} versions.</p>
<p>Use it in a project:</p>
<pre>composer config repositories.mirror composer ${url}</pre>
<p>or start a new project from it:</p>
<pre>composer create-project --repository-url=${url} &lt;vendor/project&gt; my-project</pre>
<input id="filter" type="search" placeholder="Filter packages by name" aria-label="Filter packages by name" hidden>
${sections.join('\n')}
<footer>Built by mageos-repo. Package metadata: <a href="${url}packages.json">packages.json</a>.</footer>
<script>${SCRIPT}</script>
</body></html>
`;
}
