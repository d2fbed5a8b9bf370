/**
 * A map for what planning remembers from one release to the next: what neither the release under way nor the one
 * before it used is let go when the next release starts (`nextRelease`), so it holds about two releases' worth
 * however long the history is. Past `maxSize` (by `sizeOf`), it starts over.
 */
export class RecentMap<K, V> {
  private current = new Map<K, V>();
  private previous = new Map<K, V>();
  private size = 0;
  private previousSize = 0;

  constructor(
    private readonly sizeOf: (value: V) => number,
    private readonly maxSize: number,
  ) {}

  get(key: K): V | undefined {
    const value = this.current.get(key);
    if (value !== undefined) return value;
    const earlier = this.previous.get(key);
    if (earlier !== undefined) {
      // Used again: it stays for the next release too.
      this.previous.delete(key);
      this.previousSize -= this.sizeOf(earlier);
      this.current.set(key, earlier);
      this.size += this.sizeOf(earlier);
    }
    return earlier;
  }

  set(key: K, value: V): void {
    const old = this.get(key);
    if (old !== undefined) this.size -= this.sizeOf(old);
    if (this.size + this.previousSize + this.sizeOf(value) > this.maxSize) this.clear();
    this.current.set(key, value);
    this.size += this.sizeOf(value);
  }

  /** A new release starts: what the last two did not use is let go. */
  nextRelease(): void {
    this.previous = this.current;
    this.previousSize = this.size;
    this.current = new Map();
    this.size = 0;
  }

  clear(): void {
    this.current = new Map();
    this.previous = new Map();
    this.size = this.previousSize = 0;
  }
}
