/**
 * The packages of a night that need a new version under the "when-changed" scheme: those whose content changed
 * (or whose base moved), and every package that pins one of them, since its composer.json changes with the pin.
 * `links` maps each package to the night's packages it names in require, require-dev or suggest.
 */
export function renewedPackages(changed: Iterable<string>, links: ReadonlyMap<string, readonly string[]>): Set<string> {
  const pinnedBy = new Map<string, string[]>();
  for (const [name, targets] of links) for (const target of targets) pinnedBy.set(target, [...(pinnedBy.get(target) ?? []), name]);
  const renewed = new Set<string>();
  const queue = [...changed];
  for (let name = queue.pop(); name !== undefined; name = queue.pop()) {
    if (renewed.has(name)) continue;
    renewed.add(name);
    queue.push(...(pinnedBy.get(name) ?? []));
  }
  return renewed;
}

/** The night's packages each package names in the sections whose entries a night pins. */
export function nightLinks(composerJsons: ReadonlyMap<string, string>): Map<string, string[]> {
  const links = new Map<string, string[]>();
  for (const [name, text] of composerJsons) {
    const json = JSON.parse(text) as Record<string, unknown>;
    const named = ['require', 'require-dev', 'suggest'].flatMap((section) => {
      const entries = json[section];
      return typeof entries === 'object' && entries !== null && !Array.isArray(entries) ? Object.keys(entries).map((n) => n.toLowerCase()) : [];
    });
    links.set(name, [...new Set(named.filter((n) => composerJsons.has(n) && n !== name))].sort());
  }
  return links;
}
