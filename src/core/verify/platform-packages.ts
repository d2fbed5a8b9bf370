const PLATFORM = /^(php(-64bit|-ipv6|-zts|-debug)?|hhvm|composer|composer-plugin-api|composer-runtime-api|(ext|lib)-[^/]+)$/i;

/** Requirements on the platform (PHP, its extensions and libraries, Composer itself) that no repository serves. */
export function isPlatformPackage(name: string): boolean {
  return PLATFORM.test(name);
}
