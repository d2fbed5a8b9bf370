/** Composer's rule for a package name (`vendor/name`), as its schema and ValidatingArrayLoader state it. */
const PACKAGE_NAME = /^[a-z0-9]([_.-]?[a-z0-9]+)*\/[a-z0-9](([_.]|-{1,2})?[a-z0-9]+)*$/i;

/** Whether a name from outside (metadata, an archive) is one Composer accepts; only such names become paths. */
export function isPackageName(name: unknown): name is string {
  return typeof name === 'string' && PACKAGE_NAME.test(name);
}
