import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { selectArtifacts } from '../../../src/core/plan/select-artifacts.js';
import type { ArtifactSummary } from '../../../src/core/plan/types.js';

const at = (tag: string, name: string, version: string, kind: 'package' | 'metapackage' = 'package'): ArtifactSummary => ({
  name, version, versionNormalized: `${version}.0`, kind, source: 's', tag, commit: tag, time: 0, dir: '', key: `${name}@${tag}`,
});

describe('choosing one build per package version', () => {
  it('takes a package version from the first tag in build order, a metapackage version from the last', () => {
    const chosen = selectArtifacts([at('1.1.7', 'a/m', '1.0.1'), at('1.1.7', 'a/meta', '1.1.7', 'metapackage'), at('1.1.7-p1', 'a/m', '1.0.1'), at('1.1.7-p1', 'a/meta', '1.1.7', 'metapackage')]);
    assert.deepEqual(chosen.map((a) => `${a.name} ${a.tag}`), ['a/m 1.1.7', 'a/meta 1.1.7-p1']);
  });
});
