import picomatch from 'picomatch';

/** Matches package names against names or globs (`magento/*`, `magento/module-*`); no patterns match nothing. */
export function nameFilter(patterns: readonly string[]): (name: string) => boolean {
  if (patterns.length === 0) return () => false;
  const matchers = patterns.map((p) => picomatch(p.toLowerCase()));
  return (name) => {
    const lower = name.toLowerCase();
    return matchers.some((m) => m(lower));
  };
}

/**
 * The names whose requirements must resolve in a repository: any name of a vendor it serves packages of (a mirror
 * of `magento/*` must hold every `magento/*` package it requires), and the names `patterns` match.
 */
export function ownVendorsFilter(served: readonly string[], patterns: readonly string[]): (name: string) => boolean {
  const vendorOf = (name: string) => name.toLowerCase().split('/')[0] ?? '';
  const vendors = new Set(served.map(vendorOf));
  const named = nameFilter(patterns);
  return (name) => vendors.has(vendorOf(name)) || named(name);
}

/** Matches paths inside archives against globs; dotfiles are matched like any other file. */
export function pathFilter(globs: readonly string[]): (path: string) => boolean {
  if (globs.length === 0) return () => false;
  const match = picomatch([...globs], { dot: true });
  return (path) => match(path);
}
