/** Composer's rule for package names (lower case `vendor/name`), as its schema and ValidatingArrayLoader state it; it also keeps a name from being a path. */
export const PACKAGE_NAME = /^[a-z0-9]([_.-]?[a-z0-9]+)*\/[a-z0-9](([_.]|-{1,2})?[a-z0-9]+)*$/;

/** Composer reads names case-insensitively from metadata. */
const ANY_CASE = new RegExp(PACKAGE_NAME.source, 'i');

/** Whether a name from outside (metadata, an archive) is one Composer accepts; only such names become paths. */
export function isPackageName(name: unknown): name is string {
  return typeof name === 'string' && ANY_CASE.test(name);
}
