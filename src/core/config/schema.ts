// zod/mini: the same validation and JSON Schema as classic zod, built in a fraction of the time (this schema is
// built on every start of `build`, also when there is nothing to do).
import * as z from 'zod/mini';
import { isValidVersion, parseConstraints } from '../version/index.js';
import { PACKAGE_NAME } from '../package-name.js';
import { versionFileNameProblem } from '../plan/path-safe-names.js';
import { CONFIG_DEFAULTS } from './defaults.js';

function isValidConstraint(constraint: string): boolean {
  try {
    parseConstraints(constraint);
    return true;
  } catch {
    return false;
  }
}

const LINK_SECTIONS = ['require', 'require-dev', 'conflict', 'replace', 'provide', 'suggest'] as const;

const text = () => z.string().check(z.minLength(1));
const texts = () => z.array(text()).check(z.minLength(1));
/** An optional field with a description (the description belongs to the optional, as JSON Schema shows it). */
const optional = <T extends z.ZodMiniType>(schema: T, description?: string) => {
  const field = z.optional(schema);
  return description === undefined ? field : field.check(z.describe(description));
};

/** A Composer version (1.2.3, v1.2.3, 2.4.7-p1, 2.4.x-dev): a wrong one would otherwise fail deep in a build. */
const version = () =>
  text().check(
    z.refine((v) => versionFileNameProblem(v) === null, 'expected a version that can be part of a file name: no "/", "\\", whitespace or control characters'),
    z.refine(isValidVersion, 'expected a Composer version such as 1.2.3, 2.4.7-p1 or 2.4.x-dev'),
  );
const reason = text().check(z.describe('Why this entry exists; shown in build reports.'));
const packageName = z.string().check(z.regex(PACKAGE_NAME, 'expected a Composer package name "vendor/name" in lower case'));
const staysInside = (p: string) => !p.startsWith('/') && !p.includes('\\') && !p.includes('\0') && !p.split('/').includes('..');
const relativePath = z.string().check(z.refine(staysInside, 'expected a path relative to the repository root, without ".."'));
/** A directory of the repository's tree; "" is its root. */
const treeDir = (description: string) =>
  z.string().check(z.refine(staysInside, 'expected a directory relative to the repository root ("" for the root), without ".."'), z.describe(description));

/** Which package versions a fix applies to: a package version, or everything the named tag produces. */
const fixTarget = {
  package: packageName,
  version: optional(text(), 'Package version the fix applies to (the version after set-version).'),
  versions: optional(texts(), 'Package versions the fix applies to, when it is the same for several.'),
  constraint: optional(
    text().check(z.refine(isValidConstraint, 'expected a Composer version constraint such as ">=2.4.7-p6 <2.4.8"')),
    'A Composer version constraint the package version must satisfy, e.g. ">=2.4.7-p6 <2.4.8" (with version/versions/tag: all must hold).',
  ),
  tag: optional(text(), 'Tag (or extra ref version) whose build of the package the fix applies to.'),
  reason,
};

const needsTarget = (fix: { version?: string | undefined; versions?: string[] | undefined; constraint?: string | undefined; tag?: string | undefined }) =>
  fix.version !== undefined || fix.versions !== undefined || fix.constraint !== undefined || fix.tag !== undefined;
const targetMessage = {
  message: 'a fix needs "version", "versions", "constraint" or "tag" to say which package versions it changes',
  when: () => true,
};

export const SetVersionFix = z.strictObject({
  action: z.literal('set-version'),
  ...fixTarget,
  tag: text().check(z.describe('Tag whose build of the package gets the new version.')),
  set: version().check(z.describe('The version the package gets at that tag.')),
});

export const EditLinksFix = z
  .strictObject({
    action: z.literal('edit-links'),
    ...fixTarget,
    section: z.enum(LINK_SECTIONS),
    add: optional(z.record(z.string(), z.string()), 'Entries to add; the package must not list them yet.'),
    replace: optional(z.record(z.string(), z.string()), 'Entries whose constraint changes; they must exist.'),
    remove: optional(z.array(z.string()), 'Entries to remove; they must exist.'),
  })
  .check(
    z.refine(needsTarget, targetMessage),
    z.refine((f) => f.add !== undefined || f.replace !== undefined || f.remove !== undefined, {
      message: 'an edit-links fix needs at least one of "add", "replace" or "remove"',
    }),
  );

export const SkipFix = z.strictObject({ action: z.literal('skip'), ...fixTarget }).check(z.refine(needsTarget, targetMessage));

export const ReplaceFilesFix = z
  .strictObject({
    action: z.literal('replace-files'),
    ...fixTarget,
    files: z.array(relativePath).check(z.minLength(1), z.describe('Paths inside the package whose content is replaced (or added when missing).')),
    fromRef: optional(text(), 'Tag, branch or commit that holds the right content (of "fromSource" if given, default HEAD there; else of the same source).'),
    fromSource: optional(text(), 'Another source of the config that holds the file, e.g. a repository of corrected files.'),
    fromPath: optional(text(), 'With "fromSource" and one file: its path in that source ("{version}" is replaced by the package version).'),
  })
  .check(
    z.refine(needsTarget, targetMessage),
    z.refine((f) => f.fromRef !== undefined || f.fromSource !== undefined, { message: 'a replace-files fix needs "fromRef" or "fromSource"', when: () => true }),
    z.refine((f) => f.fromPath === undefined || (f.fromSource !== undefined && f.files.length === 1), {
      message: '"fromPath" needs "fromSource" and exactly one entry in "files"',
      when: () => true,
    }),
  );

export const ExcludeFilesFix = z
  .strictObject({ action: z.literal('exclude-files'), ...fixTarget, files: texts().check(z.describe('Globs, relative to the package directory, of files to leave out.')) })
  .check(z.refine(needsTarget, targetMessage));

export const IncludeFilesFix = z
  .strictObject({ action: z.literal('include-files'), ...fixTarget, files: texts().check(z.describe('Globs of files that the rule excludes but these versions keep.')) })
  .check(z.refine(needsTarget, targetMessage));

export const AllowVersionDownFix = z
  .strictObject({ action: z.literal('allow-version-down'), ...fixTarget })
  .check(
    z.refine(needsTarget, targetMessage),
    z.describe('The package version built from this tag may be older than the one of an earlier release of the same line (Magento shipped it so).'),
  );

export const Fix = z.discriminatedUnion('action', [SetVersionFix, EditLinksFix, SkipFix, ReplaceFilesFix, ExcludeFilesFix, IncludeFilesFix, AllowVersionDownFix]);

/** A composer.json read from a file of another source, e.g. the official ones of a release. */
export const ComposerJsonFile = z.strictObject({
  source: text().check(z.describe('Name of the source that holds the file.')),
  path: text().check(z.describe('Path of the file in that source; "{version}" is replaced by the release version.')),
  ref: optional(text(), 'Branch, tag or commit of that source to read (default: HEAD).'),
});

const composerJsonEdits = {
  set: optional(
    z.record(z.string(), z.unknown()),
    'Top-level keys to set; in string values "{baseUrl}" and "{version}" are replaced by the repository URL and the release version.',
  ),
  unset: optional(z.array(z.string()), 'Top-level keys to remove.'),
};
const whenDerived = (description: string) => optional(z.strictObject(composerJsonEdits), description);

export const PackageRule = z.discriminatedUnion('type', [
  z
    .strictObject({ type: z.literal('auto') })
    .check(z.describe('The default: the root composer.json is one package, else every directory holding a composer.json.')),
  z.strictObject({
    type: z.literal('modules'),
    dir: treeDir('Directory whose subdirectories each hold a composer.json; "" for the root.'),
    exclude: optional(z.array(z.string()), 'Globs of module directory names to leave out.'),
  }),
  z.strictObject({
    type: z.literal('directory'),
    dir: treeDir('The package directory; "" for the repository root.'),
    exclude: optional(z.array(z.string()), 'Globs, relative to dir, of files to leave out.'),
    emptyDirs: optional(z.array(z.string()), 'Empty directories to add to the archive.'),
    composerJson: optional(
      z.strictObject({
        from: optional(ComposerJsonFile, 'Take the composer.json from this file; when a release has none, the directory\'s own is used (reported as derived).'),
        ...composerJsonEdits,
        whenDerived: whenDerived('More edits for releases whose composer.json is the directory\'s own because "from" has none.'),
      }),
    ),
  }),
  z.strictObject({
    type: z.literal('metapackage'),
    dir: treeDir('Directory holding only the metapackage composer.json.'),
  }),
  z
    .strictObject({
      type: z.literal('composer-json'),
      name: packageName.check(z.describe('The package this rule makes (also used when the file is missing and derived).')),
      from: ComposerJsonFile.check(z.describe('Where the package\'s composer.json is read for each release.')),
      derive: optional(
        z.enum(['release-metapackage', 'project-template']),
        'When a release has no such file: "release-metapackage" makes a metapackage requiring the root composer.json requirements and every package of the release at its exact version; "project-template" makes {"name", "type": "project"} plus "set".',
      ),
      ...composerJsonEdits,
      whenDerived: whenDerived('More edits for releases whose file is missing and derived, e.g. the derived project\'s "require".'),
    })
    .check(z.describe('A package whose archive holds only a composer.json taken from another source (a metapackage or a project template).')),
]);

export const TagSelection = z.strictObject({
  from: optional(version(), 'First release version to build (Composer version order).'),
  skip: optional(z.array(z.string()), 'Tag names never to build.'),
  only: optional(z.array(z.string()), 'Build only these tag names.'),
});

export const ExtraRef = z.strictObject({
  ref: text().check(z.describe('Branch, tag or commit to build.')),
  version: version().check(z.describe('The release version it is built as.')),
  reason,
});

const shortName = (description: string) =>
  optional(z.string().check(z.regex(/^[A-Za-z0-9._-]+$/, 'expected a name of letters, digits, ".", "_" and "-" only')), description);

export const Source = z
  .strictObject({
    name: shortName('Short name used in reports; default from url/path.'),
    url: optional(text(), 'Git URL; kept as a bare cache clone and fetched on each build.'),
    path: optional(text(), 'Local git repository, read in place.'),
    tags: optional(TagSelection),
    extraRefs: optional(z.array(ExtraRef)),
    packages: optional(z.array(PackageRule), 'Package rules; default [{"type":"auto"}]; [] for a source that only provides files to other rules.'),
    fixes: optional(z.array(Fix)),
    removeFixes: optional(
      z.array(z.record(z.string(), z.unknown())),
      'With "extends": fixes of the extended source to leave out, each given by field values it has, e.g. {"package": "magento/module-catalog", "version": "2.4.7"}.',
    ),
    branch: optional(text(), 'Development branch to build nightly versions from, instead of tags (see docs/nightly.md).'),
    ref: optional(text(), 'Tag, branch or commit a distribution release is built from (mageos-repo release, see docs/distribution.md).'),
  })
  .check(
    z.refine((s) => (s.url === undefined) !== (s.path === undefined), {
      message: 'a source needs exactly one of "url" or "path"',
      when: () => true,
    }),
    z.refine((s) => s.branch === undefined || s.extraRefs === undefined, {
      message: 'a source with "branch" builds that branch nightly: "extraRefs" are for tag builds',
      when: () => true,
    }),
  );

export const Distribution = z.strictObject({
  vendor: z.string().check(z.regex(/^[a-z0-9]([_.-]?[a-z0-9]+)*$/, 'expected a Composer vendor name in lower case, such as "mage-os"'), z.describe('The vendor every magento/* package is renamed to.')),
  upstream: optional(
    z.strictObject({
      repository: text().check(z.describe('A Composer repository (directory or URL) serving Magento Open Source, e.g. a mirror built with the mirror profile.')),
      version: optional(version(), 'The Magento Open Source release the distribution is based on, e.g. 2.4.7-p3 (or --upstream-version, per release).'),
    }),
    'Where the upstream versions come from: without it, packages get no replace and the product no magento_version.',
  ),
  aliases: z._default(z.boolean(), false).check(z.describe('Also publish a magento/<x> metapackage at the upstream version for every renamed package, requiring it.')),
  keepVersions: optional(texts(), 'Packages (names after renaming, or globs) the vendor publishes elsewhere: they keep their own versions and the requirements on them their constraints.'),
  templates: optional(text(), 'Directory of composer.json templates, one per package short name (product-community-edition.json, ...), relative to the config file; "builtin:mageos" for the Mage-OS templates that ship with the tool. See docs/distribution.md.'),
});

const composerUrl = () => z.url({ protocol: /^https?$/, error: 'expected an http(s) URL of a Composer repository' });

export const Nightly = z.strictObject({
  retain: z._default(z.number().check(z.int(), z.gte(1)), CONFIG_DEFAULTS.retainNights).check(z.describe('Nights whose versions stay in the metadata.')),
  upstream: optional(
    z.union([composerUrl(), z.array(composerUrl()).check(z.minLength(1))]),
    'Composer repositories (a URL or a list) for the packages the night does not build, used by the install check, e.g. ["https://mirror.mage-os.org/", "https://repo.packagist.org/"].',
  ),
  installCheck: z._default(z.boolean(), true).check(z.describe('Install the night\'s project template with Composer before publishing it (skipped, and said so, where Composer is missing).')),
  project: optional(packageName, 'The project template to install; default the night\'s package of type "project".'),
  versions: z
    ._default(z.enum(['every-night', 'when-changed']), 'every-night')
    .check(
      z.describe(
        'every-night: every package gets the night\'s version (as the Mage-OS upstream nightly); when-changed: a package keeps the version of the night before unless it, its base, or a package it pins changed (a night with few changes writes few archives).',
      ),
    ),
  mustResolve: optional(
    texts(),
    'Names or globs (e.g. "magento/*") whose requirements must resolve within the night itself: the night is meant to hold every such package (except those of fromUpstream).',
  ),
  fromUpstream: optional(texts(), 'Names or globs that mustResolve matches but that come from the upstream repository, not from the night (e.g. "magento/composer").'),
});

export const ArchiveSource = z
  .strictObject({
    name: shortName('Short name used in reports; default from gitPath, url or path.'),
    path: optional(text(), 'A local directory of zips; with "ref", a local git repository read at that ref.'),
    url: optional(text(), 'Git URL of a repository holding zips; kept as a bare cache clone like a source.'),
    gitPath: optional(relativePath, 'Directory inside the git repository that holds the zips, e.g. "resource/additional-packages"; default its root.'),
    ref: optional(text(), 'Branch, tag or commit to read the zips at (default: the default branch). Makes "path" a git repository.'),
    include: optional(texts(), 'Globs of zip file names to take; default every *.zip.'),
    reason,
  })
  .check(
    z.refine((a) => (a.url === undefined) !== (a.path === undefined), {
      message: 'an archive source needs exactly one of "url" or "path"',
      when: () => true,
    }),
    z.refine((a) => a.gitPath === undefined || a.url !== undefined || a.ref !== undefined, {
      message: '"gitPath" is a directory inside a git repository: give "url", or "ref" with "path" (or name the directory itself in "path")',
      when: () => true,
    }),
    z.describe('Ready-made zips served byte for byte; their package versions win over the same versions built from git.'),
  );

const sourceNames = (description: string) => optional(z.array(text()), description);

export const Config = z.strictObject({
  $schema: optional(z.string()),
  extends: optional(
    text(),
    'A built-in profile ("mirror") or another config file ("./base.json", relative to this file) that this one changes: sources and archive sources are matched by "name" (see docs/configuration.md, "Pointing a profile at your own git server").',
  ),
  removeSources: sourceNames('With "extends": names of sources of the extended config to leave out.'),
  removeArchives: sourceNames('With "extends": names of archive sources of the extended config to leave out.'),
  urlRewrites: optional(
    z.record(text(), z.string()),
    'URL prefix → replacement, applied to the url of every source and archive source (longest prefix wins); a replacement that is not a URL makes the source a local "path".',
  ),
  format: z._default(z.enum(['mageos', 'deflate']), CONFIG_DEFAULTS.format).check(z.describe('Archive format.')),
  baseUrl: z
    ._default(
      z.pipe(
        z.url({ protocol: /^https?$/, error: 'expected an http(s) URL such as https://repo.example.com/' }),
        z.transform((url: string) => (url.endsWith('/') ? url : `${url}/`)),
      ),
      CONFIG_DEFAULTS.baseUrl,
    )
    .check(z.describe('Public URL of the repository root (may include a path); dist URLs and metadata URLs are built from it.')),
  title: z._default(z.string(), CONFIG_DEFAULTS.title).check(z.describe('Title of the HTML index page.')),
  description: optional(text(), 'One line saying what this configuration builds; `mageos-repo profiles` shows it for a built-in profile.'),
  sources: z.array(Source).check(z.minLength(1)),
  archives: optional(z.array(ArchiveSource), 'Directories or git repositories of ready-made zips (see docs/configuration.md, "Archive sources").'),
  symlinks: z._default(z.enum(['skip', 'error']), CONFIG_DEFAULTS.symlinks).check(z.describe('What a symbolic link in a package tree does.')),
  submodules: z._default(z.enum(['skip', 'error']), CONFIG_DEFAULTS.submodules).check(z.describe('What a submodule in a package tree does.')),
  nightly: optional(Nightly, 'Settings of nightly builds (sources with "branch").'),
  distribution: optional(Distribution, 'A distribution under its own vendor (mageos-repo release).'),
});

export type Config = z.infer<typeof Config>;
export type ConfigInput = z.input<typeof Config>;
export type Source = z.infer<typeof Source>;
export type PackageRule = z.infer<typeof PackageRule>;
export type Fix = z.infer<typeof Fix>;
export type ExtraRef = z.infer<typeof ExtraRef>;
export type ArchiveSource = z.infer<typeof ArchiveSource>;
export type Nightly = z.infer<typeof Nightly>;
export type Distribution = z.infer<typeof Distribution>;
export type ComposerJsonFile = z.infer<typeof ComposerJsonFile>;
