// Composer's version rules (composer/semver), written by hand: npm semver libraries follow node-semver, not Composer.
export { compareVersions, isBranch } from './compare-versions.js';
export { MatchAllConstraint, MultiConstraint, VersionConstraint, type Constraint, type Operator } from './constraint.js';
export { isValidVersion, normalizeBranch, normalizeVersion } from './normalize-version.js';
export { parseConstraints } from './parse-constraints.js';
export { satisfies } from './satisfies.js';
export { rsortVersions, sortVersions } from './sort-versions.js';
export { parseStability, type Stability } from './stability.js';
