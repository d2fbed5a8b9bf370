import { MageosError } from '../errors.js';
import type { ComposerJson } from '../plan/composer-json.js';
import { nameFilter } from '../verify/name-filter.js';

/** The values a template's strings may name as `{vendor}`, `{version}`, `{magentoVersion}` and `{baseUrl}`. */
export interface TemplateValues {
  vendor: string;
  /** The release version. */
  version: string;
  /** The Magento Open Source release the distribution is based on ('' without an upstream). */
  magentoVersion: string;
  baseUrl: string;
}

/** A package of the release that `"{release}"` can require: its name after renaming, its version and composer type. */
export interface ReleaseMember {
  name: string;
  version: string;
  type: string | undefined;
}

/** A checked template: `<shortName>.json` of the templates directory defines the package `<vendor>/<shortName>`. */
export interface PackageTemplate {
  file: string;
  shortName: string;
  json: Record<string, unknown>;
}

const PLACEHOLDERS = ['vendor', 'version', 'magentoVersion', 'baseUrl'] as const;
const PLACEHOLDER = /\{([A-Za-z][\w-]*)\}/g;
/** The `require` key that stands for the release's packages; its value names which (a glob or a list of globs). */
export const RELEASE_KEY = '{release}';
const SHORT_NAME = /^[a-z0-9]([_.-]?[a-z0-9]+)*$/;

function invalid(file: string, path: string, message: string, hint: string): MageosError {
  return new MageosError('ERR_CONFIG_INVALID', `template ${file}${path === '' ? '' : ` at ${path}`}: ${message}`, { hint });
}

const pathOf = (parent: string, key: string | number) => (typeof key === 'number' ? `${parent}[${key}]` : parent === '' ? key : `${parent}.${key}`);

function checkStrings(file: string, path: string, text: string): void {
  for (const [, name] of text.matchAll(PLACEHOLDER)) {
    if (!(PLACEHOLDERS as readonly string[]).includes(name as string)) {
      throw invalid(file, path, `unknown placeholder "{${name}}"`, `Known placeholders: ${PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}; "${RELEASE_KEY}" only as a key of "require".`);
    }
  }
}

function checkValue(file: string, path: string, value: unknown): void {
  if (typeof value === 'string') return checkStrings(file, path, value);
  if (Array.isArray(value)) return value.forEach((v, i) => checkValue(file, pathOf(path, i), v));
  if (typeof value !== 'object' || value === null) return;
  for (const [key, v] of Object.entries(value)) {
    const at = pathOf(path, key);
    if (key === RELEASE_KEY && path === 'require') {
      const globs = typeof v === 'string' ? [v] : v;
      if (!Array.isArray(globs) || globs.length === 0 || !globs.every((g) => typeof g === 'string' && g !== '')) {
        throw invalid(file, at, 'expected a glob or a list of globs of the release\'s packages, such as "*"', `"${RELEASE_KEY}": "*" requires every package of the release.`);
      }
    } else if (key !== RELEASE_KEY) checkStrings(file, at, key);
    else throw invalid(file, at, `"${RELEASE_KEY}" is only a key of "require"`, 'Move it into "require".');
    checkValue(file, at, v);
  }
}

/** Checks one template file's content: a JSON object whose strings name only known placeholders. */
export function checkTemplate(file: string, shortName: string, value: unknown): PackageTemplate {
  if (!SHORT_NAME.test(shortName)) throw invalid(file, '', `"${shortName}" is not a Composer package name`, 'Name the file after the package without its vendor, e.g. product-community-edition.json.');
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid(file, '', 'expected a JSON object (a composer.json)', 'A template is a composer.json with placeholders.');
  checkValue(file, '', value);
  return { file, shortName, json: value as Record<string, unknown> };
}

/** The package a template defines. */
export function templateName(template: PackageTemplate, vendor: string): string {
  return `${vendor}/${template.shortName}`;
}

function expandString(text: string, values: TemplateValues): string {
  return text.replace(PLACEHOLDER, (_, name: keyof TemplateValues) => values[name]);
}

function expand(value: unknown, values: TemplateValues): unknown {
  if (typeof value === 'string') return expandString(value, values);
  if (Array.isArray(value)) return value.map((v) => expand(v, values));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [expandString(k, values), expand(v, values)]));
}

/** `"{release}": globs` → every package of the release the globs match, but the template's own and projects. */
function expandRequire(require: Record<string, unknown>, self: string, values: TemplateValues, members: readonly ReleaseMember[]): Record<string, unknown> {
  const expanded: Record<string, unknown> = {};
  for (const [key, constraint] of Object.entries(require)) {
    if (key !== RELEASE_KEY) {
      expanded[expandString(key, values)] = expand(constraint, values);
      continue;
    }
    const globs = (typeof constraint === 'string' ? [constraint] : (constraint as string[])).map((g) => expandString(g, values));
    // "*" alone is every package, whatever its vendor (a glob's "*" stops at the "/").
    const chosen = globs.includes('*') ? () => true : nameFilter(globs);
    for (const m of members) if (m.name !== self && m.type !== 'project' && chosen(m.name)) expanded[m.name] = m.version;
  }
  return expanded;
}

/**
 * A template as the release publishes it: placeholders replaced, `"{release}"` expanded into the release's packages
 * at their versions, `name` the template's package and `version` the release version.
 */
export function expandTemplate(template: PackageTemplate, values: TemplateValues, members: readonly ReleaseMember[]): ComposerJson {
  const name = templateName(template, values.vendor);
  const json = expand(template.json, values) as Record<string, unknown>;
  const require = template.json.require;
  if (typeof require === 'object' && require !== null && !Array.isArray(require)) json.require = expandRequire(require as Record<string, unknown>, name, values, members);
  delete json.name;
  delete json.version;
  return { name, ...json, version: values.version };
}
