/** Every failure the user can meet: a stable code, a message naming the thing, a hint, the cause. */
export const ERROR_CODES = {
  ERR_USAGE: 2,
  ERR_CONFIG_INVALID: 3,
  ERR_CONFIG_NOT_FOUND: 3,
  ERR_PROFILE_UNKNOWN: 3,
  ERR_SOURCE: 4,
  ERR_GIT: 4,
  ERR_GIT_REF_NOT_FOUND: 4,
  ERR_GIT_OBJECT_MISSING: 4,
  ERR_COMPOSER_JSON_INVALID: 4,
  ERR_PACKAGE_INVALID: 4,
  ERR_ARCHIVE_ENTRY_INVALID: 4,
  ERR_SYMLINK: 4,
  ERR_SUBMODULE: 4,
  ERR_FIX_INVALID: 4,
  ERR_BUILD_FAILED: 4,
  ERR_ARCHIVE_DAMAGED: 4,
  ERR_DRIFT: 5,
  ERR_LOCKED: 6,
  ERR_LOCK_LOST: 6,
  ERR_OUTPUT_NOT_OURS: 7,
  ERR_STATE_TOO_NEW: 7,
  ERR_OUTPUT_UNUSABLE: 7,
  ERR_PATH_OUTSIDE_OUTPUT: 7,
  ERR_STATE_DAMAGED: 7,
  ERR_VERSION_INVALID: 4,
  ERR_VERIFY_FAILED: 8,
  ERR_NIGHT_NOT_PUBLISHED: 8,
  ERR_REPOSITORY_UNREADABLE: 9,
  ERR_METADATA_INVALID: 9,
  ERR_COMPOSER_MISSING: 9,
  ERR_NIGHTLY_NOT_INSTALLABLE: 8,
  ERR_STATUS_UNREADABLE: 9,
  ERR_STATUS_INVALID: 9,
  ERR_PUBLISH: 10,
  ERR_INTERRUPTED: 130,
  ERR_INTERNAL: 1,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface ErrorOptions {
  hint?: string;
  cause?: unknown;
  details?: unknown;
}

export class MageosError extends Error {
  readonly code: ErrorCode;
  readonly hint: string | undefined;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, options: ErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'MageosError';
    this.code = code;
    this.hint = options.hint;
    this.details = options.details;
  }

  get exitCode(): number {
    return ERROR_CODES[this.code];
  }
}

export function isMageosError(error: unknown): error is MageosError {
  return error instanceof MageosError;
}

export function exitCodeOf(error: unknown): number {
  return isMageosError(error) ? error.exitCode : ERROR_CODES.ERR_INTERNAL;
}
