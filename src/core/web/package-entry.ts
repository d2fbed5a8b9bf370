import type { PublishedArtifact } from '../state/build-state.js';
import { repositoryUrl } from '../metadata/version-entry.js';
import { command, commandLineHtml } from './command-line.js';
import { escapeHtml } from './escape-html.js';
import type { InstallChoice } from './install-version.js';
import type { PackageFacts } from './package-facts.js';

/** One package of the index, its versions newest first: what installs by default, how to get it, what it needs. */
export interface PackageView {
  name: string;
  versions: PublishedArtifact[];
  choice: InstallChoice<PublishedArtifact>;
  /** Of the headline version. */
  facts: PackageFacts;
}

/** The command that adds the package to a project, or for a project template starts a new project from it. */
export function installCommand(view: PackageView, baseUrl: string): string {
  const { name, choice, facts } = view;
  if (facts.type === 'project') {
    const words = ['composer', 'create-project', `--repository-url=${baseUrl}`, name, projectDir(name)];
    return command(...words, ...(choice.constraint === '' ? [] : [choice.constraint]));
  }
  return command('composer', 'require', choice.constraint === '' ? name : `${name}:${choice.constraint}`);
}

const projectDir = (name: string): string => name.slice(name.indexOf('/') + 1);

function versionBadges({ choice }: PackageView): string {
  const headline = `<span class="v">${escapeHtml(choice.headline.version)}</span>`;
  if (choice.preRelease !== undefined) return `${headline} <span class="pre">pre-release ${escapeHtml(choice.preRelease.version)}</span>`;
  if (choice.headlineStability !== 'stable') return `${headline} <span class="pre">no stable version</span>`;
  return headline;
}

function requirements({ choice, facts }: PackageView): string {
  const version = escapeHtml(choice.headline.version);
  if (facts.require.length === 0) return `<p class="meta">${version} requires nothing.</p>`;
  const items = facts.require.map(([name, constraint]) => `<li><code>${escapeHtml(name)}</code> ${escapeHtml(constraint)}</li>`);
  return `<p class="meta">${version} requires:</p><ul class="req">${items.join('')}</ul>`;
}

// Archive links are relative: the page lies at the repository's root, wherever that is served from.
function versionList(view: PackageView): string {
  const items = view.versions.map((v) => {
    const label = escapeHtml(v.version);
    const link = v.kind === 'metapackage' ? label : `<a href="${escapeHtml(repositoryUrl('', v.file))}">${label}</a>`;
    return v === view.choice.headline ? `<li class="cur">${link}</li>` : `<li>${link}</li>`;
  });
  return `<p class="meta">${view.versions.length} version(s):</p><ul class="versions">${items.join('')}</ul>`;
}

export function packageEntryHtml(view: PackageView, baseUrl: string): string {
  const { name, facts } = view;
  const description = facts.description === '' ? '' : ` <span class="d">${escapeHtml(facts.description)}</span>`;
  const license = facts.licenses.length === 0 ? 'no license stated' : `license ${facts.licenses.map(escapeHtml).join(' or ')}`;
  return `<details data-name="${escapeHtml(name)}"><summary><b>${escapeHtml(name)}</b> ${versionBadges(view)}${description}</summary>${commandLineHtml(
    installCommand(view, baseUrl),
  )}<p class="meta">${escapeHtml(facts.type)}, ${license}</p>${requirements(view)}${versionList(view)}</details>`;
}
