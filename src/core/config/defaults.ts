// The defaults of the configuration, apart from the schema so that a build from --source options alone can use
// them without loading the schema library (see plain-sources-config.ts).

/** What `mageos-repo serve` answers on by default, so that build + serve work without options. */
export const DEFAULT_BASE_URL = 'http://127.0.0.1:8080/';

/** The value of each top-level field a config file may leave out. */
export const CONFIG_DEFAULTS = {
  format: 'mageos',
  baseUrl: DEFAULT_BASE_URL,
  title: 'Composer repository',
  symlinks: 'skip',
  submodules: 'skip',
  retainNights: 14,
} as const;
