/** Where a package version's archive lives in the repository (the path the public Mage-OS repositories use). */
export function archivePath(name: string, version: string): string {
  return `packages/${name}-${version}.zip`;
}
