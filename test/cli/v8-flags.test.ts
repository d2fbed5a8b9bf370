import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { v8FlagsAfterPhase, v8FlagsToSet } from '../../src/cli/v8-flags.js';

describe('V8 settings of the command line', () => {
  it('sets the heap growth and the optimization budget when node was given neither', () => {
    assert.deepEqual(v8FlagsToSet(['--enable-source-maps']), ['--heap-growing-percent=50', '--interrupt-budget=4000000']);
  });

  it('keeps a value given on the command line, in either spelling', () => {
    assert.deepEqual(v8FlagsToSet(['--interrupt-budget=1000']), ['--heap-growing-percent=50']);
    assert.deepEqual(v8FlagsToSet(['--heap_growing_percent=20']), ['--interrupt-budget=4000000']);
    assert.deepEqual(v8FlagsToSet(['--heap-growing-percent=80', '--interrupt_budget=5']), []);
  });

  it('lets the heap grow further while archives are written, and back to planning\'s growth after', () => {
    assert.deepEqual(v8FlagsAfterPhase('sources', []), []);
    assert.deepEqual(v8FlagsAfterPhase('plan', []), ['--heap-growing-percent=100']);
    assert.deepEqual(v8FlagsAfterPhase('write', []), ['--heap-growing-percent=50']);
    assert.deepEqual(v8FlagsAfterPhase('metadata', []), []);
  });

  it('leaves the heap growth alone in every phase when node was given one', () => {
    for (const phase of ['sources', 'plan', 'write', 'metadata'] as const) {
      assert.deepEqual(v8FlagsAfterPhase(phase, ['--heap_growing_percent=30']), []);
    }
  });
});
