import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Generations } from '../../src/core/generations.js';

describe('Generations', () => {
  it('starts a new generation when the newer one is full, and keeps what was asked for since', () => {
    const memory = new Generations<string, number>(() => 1, 2);
    memory.set('a', 1);
    memory.set('b', 2);
    memory.set('c', 3);
    assert.equal(memory.get('a'), 1, 'in the older generation: moved to the newer one');
    memory.set('d', 4);
    assert.equal(memory.get('b'), undefined, 'not asked for while a generation filled: let go');
    assert.deepEqual([memory.get('a'), memory.get('c'), memory.get('d')], [1, 3, 4]);
    memory.clear();
    assert.equal(memory.get('d'), undefined);
  });
});
