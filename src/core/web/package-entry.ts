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
  // One text per requirement, as `composer show` prints them: a mirror's index has some 25,000 of them.
  const items = facts.require.map(([name, constraint]) => `<li>${escapeHtml(name)} ${escapeHtml(constraint)}</li>`);
  return `<p class="meta">${version} requires:</p><ul class="req">${items.join('')}</ul>`;
}

// One text line, not a link per version: a mirror's 50,000 versions as links were half of the page's size.
function versionList(view: PackageView): string {
  const items = view.versions.map((v) => (v === view.choice.headline ? `<b>${escapeHtml(v.version)}</b>` : escapeHtml(v.version)));
  return `<p class="meta">${view.versions.length} version(s):</p><p class="versions">${items.join(', ')}</p>`;
}

// Links are relative: the page lies at the repository's root, wherever that is served from.
function links({ name, choice }: PackageView): string {
  const { headline } = choice;
  const metadata = `p2/${name}${choice.headlineStability === 'dev' ? '~dev' : ''}.json`;
  // Built metapackages have no archive; one from an archive source keeps the official zip.
  const archive = headline.kind === 'metapackage' && headline.origin !== 'archive' ? '' : ` · <a href="${escapeHtml(repositoryUrl('', headline.file))}">${escapeHtml(headline.version)} archive</a>`;
  return `${archive} · <a href="${escapeHtml(repositoryUrl('', metadata))}">all versions' metadata</a>`;
}

export function packageEntryHtml(view: PackageView, baseUrl: string): string {
  const { name, facts } = view;
  const description = facts.description === '' ? '' : ` <span class="d">${escapeHtml(facts.description)}</span>`;
  const license = facts.licenses.length === 0 ? 'no license stated' : `license ${facts.licenses.map(escapeHtml).join(' or ')}`;
  return `<details data-name="${escapeHtml(name)}"><summary><b>${escapeHtml(name)}</b> ${versionBadges(view)}${description}</summary>${commandLineHtml(
    installCommand(view, baseUrl),
  )}<p class="meta">${escapeHtml(facts.type)}, ${license}${links(view)}</p>${requirements(view)}${versionList(view)}</details>`;
}
