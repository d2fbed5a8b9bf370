/**
 * A memory in two generations: what is asked for again moves to the newer one, and starting a new generation
 * (`flip`, or the newer one reaching `generationSize` by `sizeOf`) lets go of everything the older one still
 * holds. Nothing walks the entries: letting go is replacing a map.
 */
export class Generations<K, V> {
  private current = new Map<K, V>();
  private older = new Map<K, V>();
  private currentSize = 0;
  private olderSize = 0;

  constructor(
    protected readonly sizeOf: (value: V) => number,
    private readonly generationSize = Number.POSITIVE_INFINITY,
  ) {}

  get(key: K): V | undefined {
    const value = this.current.get(key);
    if (value !== undefined) return value;
    const earlier = this.takeOlder(key);
    if (earlier !== undefined) this.put(key, earlier);
    return earlier;
  }

  set(key: K, value: V): void {
    this.takeOlder(key);
    this.put(key, value);
  }

  private takeOlder(key: K): V | undefined {
    const value = this.older.get(key);
    if (value !== undefined) {
      this.older.delete(key);
      this.olderSize -= this.sizeOf(value);
    }
    return value;
  }

  private put(key: K, value: V): void {
    const old = this.current.get(key);
    if (old !== undefined) this.currentSize -= this.sizeOf(old);
    if (this.currentSize + this.sizeOf(value) > this.generationSize) this.flip();
    this.current.set(key, value);
    this.currentSize += this.sizeOf(value);
  }

  /** Starts a new generation: what the older one holds is let go. */
  flip(): void {
    this.older = this.current;
    this.olderSize = this.currentSize;
    this.current = new Map();
    this.currentSize = 0;
  }

  clear(): void {
    this.current = new Map();
    this.older = new Map();
    this.currentSize = this.olderSize = 0;
  }

  /** What both generations hold, by `sizeOf`. */
  protected totalSize(): number {
    return this.currentSize + this.olderSize;
  }
}
