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

/** Matches paths inside archives against globs; dotfiles are matched like any other file. */
export function pathFilter(globs: readonly string[]): (path: string) => boolean {
  if (globs.length === 0) return () => false;
  const match = picomatch([...globs], { dot: true });
  return (path) => match(path);
}
