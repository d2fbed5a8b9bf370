import { MageosError } from '../errors.js';

const VERSION_HINT = 'Use a Composer version such as 1.2.3, v1.2.3, 1.2.3-beta1, 1.2.3-p1, 1.2.x-dev or dev-main.';
const CONSTRAINT_HINT = 'Use a Composer constraint such as ^1.2, ~1.2.3, >=1.0 <2.0, 1.2.*, 1.0 - 2.0 or dev-main.';

export function invalidVersion(message: string, version: string): MageosError {
  return new MageosError('ERR_VERSION_INVALID', message, { hint: VERSION_HINT, details: { version } });
}

export function invalidConstraint(message: string, constraint: string, cause?: unknown): MageosError {
  return new MageosError('ERR_VERSION_INVALID', message, { hint: CONSTRAINT_HINT, cause, details: { constraint } });
}
