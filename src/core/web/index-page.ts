import { CONFIG_DEFAULTS } from '../config/defaults.js';
import type { PublishedArtifact } from '../state/build-state.js';
import { compareVersions } from '../version/index.js';
import { command, commandLineHtml } from './command-line.js';
import { escapeHtml } from './escape-html.js';
import { INDEX_SCRIPT } from './index-script.js';
import { INDEX_STYLE } from './index-style.js';
import { installChoice } from './install-version.js';
import { installCommand, packageEntryHtml, type PackageView } from './package-entry.js';
import { packageFacts } from './package-facts.js';

/** Every package of the repository, by name, with the version Composer installs by default and its facts. */
function packageViews(artifacts: Iterable<PublishedArtifact>): PackageView[] {
  const byName = new Map<string, PublishedArtifact[]>();
  for (const a of artifacts) {
    const list = byName.get(a.name);
    if (list === undefined) byName.set(a.name, [a]);
    else list.push(a);
  }
  return [...byName.keys()].sort().map((name) => {
    const versions = (byName.get(name) as [PublishedArtifact, ...PublishedArtifact[]]).sort((a, b) => compareVersions(b.versionNormalized, a.versionNormalized));
    const choice = installChoice(versions);
    return { name, versions, choice, facts: packageFacts(choice.headline.composerJson) };
  });
}

function usage(views: PackageView[], baseUrl: string): string {
  const templates = views.filter((v) => v.facts.type === 'project');
  const start =
    templates.length === 0
      ? ''
      : `<p>Start a new project from ${templates.length === 1 ? 'its project template' : 'one of its project templates'}:</p>${templates
          .map((v) => commandLineHtml(installCommand(v, baseUrl)))
          .join('')}`;
  return `<p>Use it in a project:</p>${commandLineHtml(command('composer', 'config', 'repositories.mirror', 'composer', baseUrl))}${start}`;
}

/**
 * The repository's browsable index: how to use the repository, then every package with the version Composer
 * installs by default, its require line, description, license, requirements and versions; a filter by words of
 * name and description that needs no network (without JavaScript, the complete list).
 */
export function indexPage(artifacts: Iterable<PublishedArtifact>, baseUrl: string, title: string = CONFIG_DEFAULTS.title, options: { statusPage?: boolean } = {}): string {
  const views = packageViews(artifacts);
  const versionCount = views.reduce((n, v) => n + v.versions.length, 0);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title><style>${INDEX_STYLE}</style></head><body>
<h1>${escapeHtml(title)}</h1>
${options.statusPage === true ? '<p class="status-link">Is tonight\'s build installable? See the <a href="status.html">nightly status</a>.</p>\n' : ''}${usage(views, baseUrl)}
<h2>Packages</h2>
<div id="search"><label for="filter">Filter by words of name or description</label>
<input id="filter" type="search" autocomplete="off" spellcheck="false" aria-describedby="status filter-hint" aria-controls="packages">
<span class="hint" id="filter-hint">Press / to come back here, Escape to clear.</span></div>
<p id="status" role="status"><span id="count">${views.length}</span> packages, ${versionCount} versions. <span id="said"></span></p>
<p id="none" hidden>No package matches.</p>
<div id="packages">
${views.map((v) => packageEntryHtml(v, baseUrl)).join('\n')}
</div>
<footer>Built by mageos-repo. Package metadata: <a href="packages.json">packages.json</a>.</footer>
<script>${INDEX_SCRIPT}</script>
</body></html>
`;
}
