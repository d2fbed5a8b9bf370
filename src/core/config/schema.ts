import * as z from 'zod';
import { parseConstraints } from '../version/index.js';

function isValidConstraint(constraint: string): boolean {
  try {
    parseConstraints(constraint);
    return true;
  } catch {
    return false;
  }
}

const PACKAGE_NAME = /^[a-z0-9]([_.-]?[a-z0-9]+)*\/[a-z0-9](([_.]|-{1,2})?[a-z0-9]+)*$/;
const LINK_SECTIONS = ['require', 'require-dev', 'conflict', 'replace', 'provide', 'suggest'] as const;

/** What `mageos-repo serve` answers on by default, so that build + serve work without options. */
export const DEFAULT_BASE_URL = 'http://127.0.0.1:8080/';

const reason = z.string().min(1).describe('Why this entry exists; shown in build reports.');
const packageName = z.string().regex(PACKAGE_NAME, 'expected a Composer package name "vendor/name" in lower case');
const relativePath = z
  .string()
  .refine((p) => !p.startsWith('/') && !p.split('/').includes('..'), 'expected a path relative to the repository root, without ".."');

/** Which package versions a fix applies to: a package version, or everything the named tag produces. */
const fixTarget = {
  package: packageName,
  version: z.string().min(1).optional().describe('Package version the fix applies to (the version after set-version).'),
  versions: z.array(z.string().min(1)).min(1).optional().describe('Package versions the fix applies to, when it is the same for several.'),
  constraint: z
    .string()
    .min(1)
    .refine(isValidConstraint, 'expected a Composer version constraint such as ">=2.4.7-p6 <2.4.8"')
    .optional()
    .describe('A Composer version constraint the package version must satisfy, e.g. ">=2.4.7-p6 <2.4.8" (with version/versions/tag: all must hold).'),
  tag: z.string().min(1).optional().describe('Tag (or extra ref version) whose build of the package the fix applies to.'),
  reason,
};

const needsTarget = (fix: { version?: string | undefined; versions?: string[] | undefined; constraint?: string | undefined; tag?: string | undefined }) =>
  fix.version !== undefined || fix.versions !== undefined || fix.constraint !== undefined || fix.tag !== undefined;
const targetMessage = {
  message: 'a fix needs "version", "versions", "constraint" or "tag" to say which package versions it changes',
  when: () => true,
};

export const SetVersionFix = z
  .object({
    action: z.literal('set-version'),
    ...fixTarget,
    tag: z.string().min(1).describe('Tag whose build of the package gets the new version.'),
    set: z.string().min(1).describe('The version the package gets at that tag.'),
  })
  .strict();

export const EditLinksFix = z
  .object({
    action: z.literal('edit-links'),
    ...fixTarget,
    section: z.enum(LINK_SECTIONS),
    add: z.record(z.string(), z.string()).optional().describe('Entries to add; the package must not list them yet.'),
    replace: z.record(z.string(), z.string()).optional().describe('Entries whose constraint changes; they must exist.'),
    remove: z.array(z.string()).optional().describe('Entries to remove; they must exist.'),
  })
  .strict()
  .refine(needsTarget, targetMessage)
  .refine((f) => f.add !== undefined || f.replace !== undefined || f.remove !== undefined, {
    message: 'an edit-links fix needs at least one of "add", "replace" or "remove"',
  });

export const SkipFix = z
  .object({ action: z.literal('skip'), ...fixTarget })
  .strict()
  .refine(needsTarget, targetMessage);

export const ReplaceFilesFix = z
  .object({
    action: z.literal('replace-files'),
    ...fixTarget,
    files: z.array(relativePath).min(1).describe('Paths inside the package whose content is replaced (or added when missing).'),
    fromRef: z.string().min(1).optional().describe('Tag, branch or commit that holds the right content (of "fromSource" if given, default HEAD there; else of the same source).'),
    fromSource: z.string().min(1).optional().describe('Another source of the config that holds the file, e.g. a repository of corrected files.'),
    fromPath: z.string().min(1).optional().describe('With "fromSource" and one file: its path in that source ("{version}" is replaced by the package version).'),
  })
  .strict()
  .refine(needsTarget, targetMessage)
  .refine((f) => f.fromRef !== undefined || f.fromSource !== undefined, { message: 'a replace-files fix needs "fromRef" or "fromSource"', when: () => true })
  .refine((f) => f.fromPath === undefined || (f.fromSource !== undefined && f.files.length === 1), {
    message: '"fromPath" needs "fromSource" and exactly one entry in "files"',
    when: () => true,
  });

const globs = z.array(z.string().min(1)).min(1);

export const ExcludeFilesFix = z
  .object({ action: z.literal('exclude-files'), ...fixTarget, files: globs.describe('Globs, relative to the package directory, of files to leave out.') })
  .strict()
  .refine(needsTarget, targetMessage);

export const IncludeFilesFix = z
  .object({ action: z.literal('include-files'), ...fixTarget, files: globs.describe('Globs of files that the rule excludes but these versions keep.') })
  .strict()
  .refine(needsTarget, targetMessage);

export const Fix = z.discriminatedUnion('action', [SetVersionFix, EditLinksFix, SkipFix, ReplaceFilesFix, ExcludeFilesFix, IncludeFilesFix]);

/** A composer.json read from a file of another source, e.g. the official ones of a release. */
export const ComposerJsonFile = z
  .object({
    source: z.string().min(1).describe('Name of the source that holds the file.'),
    path: z.string().min(1).describe('Path of the file in that source; "{version}" is replaced by the release version.'),
    ref: z.string().min(1).optional().describe('Branch, tag or commit of that source to read (default: HEAD).'),
  })
  .strict();

const composerJsonEdits = {
  set: z
    .record(z.string(), z.unknown())
    .optional()
    .describe('Top-level keys to set; in string values "{baseUrl}" and "{version}" are replaced by the repository URL and the release version.'),
  unset: z.array(z.string()).optional().describe('Top-level keys to remove.'),
};
const whenDerived = z.object(composerJsonEdits).strict().optional();

export const PackageRule = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('auto'),
    })
    .strict()
    .describe('The default: the root composer.json is one package, else every directory holding a composer.json.'),
  z
    .object({
      type: z.literal('modules'),
      dir: z.string().describe('Directory whose subdirectories each hold a composer.json; "" for the root.'),
      exclude: z.array(z.string()).optional().describe('Globs of module directory names to leave out.'),
    })
    .strict(),
  z
    .object({
      type: z.literal('directory'),
      dir: z.string().describe('The package directory; "" for the repository root.'),
      exclude: z.array(z.string()).optional().describe('Globs, relative to dir, of files to leave out.'),
      emptyDirs: z.array(z.string()).optional().describe('Empty directories to add to the archive.'),
      composerJson: z
        .object({
          from: ComposerJsonFile.optional().describe('Take the composer.json from this file; when a release has none, the directory\'s own is used (reported as derived).'),
          ...composerJsonEdits,
          whenDerived: whenDerived.describe('More edits for releases whose composer.json is the directory\'s own because "from" has none.'),
        })
        .strict()
        .optional(),
    })
    .strict(),
  z
    .object({
      type: z.literal('metapackage'),
      dir: z.string().describe('Directory holding only the metapackage composer.json.'),
    })
    .strict(),
  z
    .object({
      type: z.literal('composer-json'),
      name: packageName.describe('The package this rule makes (also used when the file is missing and derived).'),
      from: ComposerJsonFile.describe('Where the package\'s composer.json is read for each release.'),
      derive: z
        .enum(['release-metapackage', 'project-template'])
        .optional()
        .describe(
          'When a release has no such file: "release-metapackage" makes a metapackage requiring the root composer.json requirements and every package of the release at its exact version; "project-template" makes {"name", "type": "project"} plus "set".',
        ),
      ...composerJsonEdits,
      whenDerived: whenDerived.describe('More edits for releases whose file is missing and derived, e.g. the derived project\'s "require".'),
    })
    .strict()
    .describe('A package whose archive holds only a composer.json taken from another source (a metapackage or a project template).'),
]);

export const TagSelection = z
  .object({
    from: z.string().optional().describe('First release version to build (Composer version order).'),
    skip: z.array(z.string()).optional().describe('Tag names never to build.'),
    only: z.array(z.string()).optional().describe('Build only these tag names.'),
  })
  .strict();

export const ExtraRef = z
  .object({
    ref: z.string().min(1).describe('Branch, tag or commit to build.'),
    version: z.string().min(1).describe('The release version it is built as.'),
    reason,
  })
  .strict();

export const Source = z
  .object({
    name: z.string().regex(/^[A-Za-z0-9._-]+$/).optional().describe('Short name used in reports; default from url/path.'),
    url: z.string().min(1).optional().describe('Git URL; kept as a bare cache clone and fetched on each build.'),
    path: z.string().min(1).optional().describe('Local git repository, read in place.'),
    tags: TagSelection.optional(),
    extraRefs: z.array(ExtraRef).optional(),
    packages: z.array(PackageRule).optional().describe('Package rules; default [{"type":"auto"}]; [] for a source that only provides files to other rules.'),
    fixes: z.array(Fix).optional(),
  })
  .strict()
  .refine((s) => (s.url === undefined) !== (s.path === undefined), {
    message: 'a source needs exactly one of "url" or "path"',
    when: () => true,
  });

export const ArchiveSource = z
  .object({
    name: z.string().regex(/^[A-Za-z0-9._-]+$/).optional().describe('Short name used in reports; default from gitPath, url or path.'),
    path: z.string().min(1).optional().describe('A local directory of zips; with "ref", a local git repository read at that ref.'),
    url: z.string().min(1).optional().describe('Git URL of a repository holding zips; kept as a bare cache clone like a source.'),
    gitPath: relativePath.optional().describe('Directory inside the git repository that holds the zips, e.g. "resource/additional-packages"; default its root.'),
    ref: z.string().min(1).optional().describe('Branch, tag or commit to read the zips at (default: the default branch). Makes "path" a git repository.'),
    include: z.array(z.string().min(1)).min(1).optional().describe('Globs of zip file names to take; default every *.zip.'),
    reason,
  })
  .strict()
  .refine((a) => (a.url === undefined) !== (a.path === undefined), {
    message: 'an archive source needs exactly one of "url" or "path"',
    when: () => true,
  })
  .refine((a) => a.gitPath === undefined || a.url !== undefined || a.ref !== undefined, {
    message: '"gitPath" is a directory inside a git repository: give "url", or "ref" with "path" (or name the directory itself in "path")',
    when: () => true,
  })
  .describe('Ready-made zips served byte for byte; their package versions win over the same versions built from git.');

export const Config = z
  .object({
    $schema: z.string().optional(),
    format: z.enum(['mageos', 'deflate']).default('mageos').describe('Archive format.'),
    baseUrl: z
      .url({ protocol: /^https?$/ })
      .transform((url) => (url.endsWith('/') ? url : `${url}/`))
      .default(DEFAULT_BASE_URL)
      .describe('Public URL of the repository root (may include a path); dist URLs and metadata URLs are built from it.'),
    title: z.string().default('Composer repository').describe('Title of the HTML index page.'),
    sources: z.array(Source).min(1),
    archives: z.array(ArchiveSource).optional().describe('Directories or git repositories of ready-made zips (see docs/configuration.md, "Archive sources").'),
    symlinks: z.enum(['skip', 'error']).default('skip').describe('What a symbolic link in a package tree does.'),
    submodules: z.enum(['skip', 'error']).default('skip').describe('What a submodule in a package tree does.'),
  })
  .strict();

export type Config = z.infer<typeof Config>;
export type ConfigInput = z.input<typeof Config>;
export type Source = z.infer<typeof Source>;
export type PackageRule = z.infer<typeof PackageRule>;
export type Fix = z.infer<typeof Fix>;
export type ExtraRef = z.infer<typeof ExtraRef>;
export type ArchiveSource = z.infer<typeof ArchiveSource>;
export type ComposerJsonFile = z.infer<typeof ComposerJsonFile>;
