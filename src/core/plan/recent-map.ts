import { Generations } from '../generations.js';

/**
 * A map for what planning remembers from one release to the next: what neither the release under way nor the one
 * before it used is let go when the next release starts (`nextRelease`), so it holds about two releases' worth
 * however long the history is. Past `maxSize` (by `sizeOf`), it starts over.
 */
export class RecentMap<K, V> extends Generations<K, V> {
  constructor(
    sizeOf: (value: V) => number,
    private readonly maxSize: number,
  ) {
    super(sizeOf);
  }

  override set(key: K, value: V): void {
    const old = this.get(key);
    const others = this.totalSize() - (old === undefined ? 0 : this.sizeOf(old));
    if (others + this.sizeOf(value) > this.maxSize) this.clear();
    super.set(key, value);
  }

  /** A new release starts: what the last two did not use is let go. */
  nextRelease(): void {
    this.flip();
  }
}
