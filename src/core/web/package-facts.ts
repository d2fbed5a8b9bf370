/** What the index shows of one package version, read defensively: the composer.json comes from other people. */
export interface PackageFacts {
  description: string;
  /** SPDX identifiers; empty when the package states none. */
  licenses: string[];
  type: string;
  require: [string, string][];
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

export function packageFacts(composerJson: string): PackageFacts {
  let json: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(composerJson);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) json = parsed as Record<string, unknown>;
  } catch {
    // A state written by hand or an older version: show the package without its facts.
  }
  const license = json.license;
  const licenses = (Array.isArray(license) ? license : [license]).filter((l): l is string => typeof l === 'string' && l !== '');
  const require = typeof json.require === 'object' && json.require !== null && !Array.isArray(json.require) ? json.require : {};
  return {
    description: text(json.description).trim(),
    licenses,
    type: text(json.type) || 'library',
    require: Object.entries(require).map(([name, constraint]) => [name, text(constraint)]),
  };
}
