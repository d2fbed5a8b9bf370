/** Incremental parser for the output of `git cat-file --batch`; chunks may split it at any byte. */
export type CatFileResponse =
  | { kind: 'object'; oid: string; type: string; content: Buffer }
  | { kind: 'missing' | 'ambiguous'; name: string };

const LF = 0x0a;

const SPACE = 0x20;
const DIGIT_0 = 0x30;
const DIGIT_9 = 0x39;
/** The types as strings made once: an object's header gives its type without a string of its own. */
const TYPES = ['blob', 'tree', 'commit', 'tag'].map((name) => ({ name, bytes: Buffer.from(name) }));

const isDigit = (byte: number | undefined): boolean => byte !== undefined && byte >= DIGIT_0 && byte <= DIGIT_9;

/** The type named by `bytes[start, end)`, or null for another word. */
function typeAt(bytes: Buffer, start: number, end: number): string | null {
  for (const type of TYPES) {
    if (end - start === type.bytes.length && bytes.compare(type.bytes, 0, type.bytes.length, start, end) === 0) return type.name;
  }
  return null;
}

export class CatFileParser {
  private headerParts: Buffer[] = [];
  /** The object being read: its id, type and size (`size` -1 between objects). */
  private oid = '';
  private type = '';
  private size = -1;
  /** Allocated only for content split across chunks: content inside one chunk is handed on as a view of it. */
  private content: Buffer | null = null;
  private filled = 0;
  private awaitingTrailer = false;

  constructor(private readonly onResponse: (response: CatFileResponse) => void) {}

  /** True between responses, when no partial response is buffered. */
  get idle(): boolean {
    return this.size === -1 && !this.awaitingTrailer && this.headerParts.length === 0;
  }

  push(chunk: Buffer): void {
    let pos = 0;
    while (pos < chunk.length) {
      if (this.awaitingTrailer) {
        if (chunk[pos] !== LF) throw new Error('git cat-file --batch: expected a newline after object content');
        pos += 1;
        this.awaitingTrailer = false;
        this.emitCurrent();
      } else if (this.size !== -1) {
        const { size } = this;
        const take = Math.min(chunk.length - pos, size - this.filled);
        if (this.content === null && take === size) this.content = chunk.subarray(pos, pos + size);
        else chunk.copy((this.content ??= Buffer.allocUnsafe(size)), this.filled, pos, pos + take);
        this.filled += take;
        pos += take;
        if (this.filled === size) this.awaitingTrailer = true;
      } else {
        const end = chunk.indexOf(LF, pos);
        if (end === -1) {
          this.headerParts.push(Buffer.from(chunk.subarray(pos)));
          return;
        }
        if (this.headerParts.length === 0) this.onHeader(chunk, pos, end);
        else {
          const header = Buffer.concat([...this.headerParts, chunk.subarray(pos, end)]);
          this.headerParts = [];
          this.onHeader(header, 0, header.length);
        }
        pos = end + 1;
      }
    }
  }

  /**
   * Reads the header in `bytes[start, end)` where it lies, without making a string of it: `<oid> <type> <size>`, or
   * `<name> missing` / `<name> ambiguous`. Once per object, so at history scale over a million times.
   */
  private onHeader(bytes: Buffer, start: number, end: number): void {
    let sizeStart = end;
    while (sizeStart > start && isDigit(bytes[sizeStart - 1])) sizeStart--;
    const typeEnd = sizeStart - 1;
    const typeStart = bytes.lastIndexOf(SPACE, typeEnd - 1) + 1;
    const oidEnd = typeStart - 1;
    const type = sizeStart < end && bytes[typeEnd] === SPACE && typeStart > start ? typeAt(bytes, typeStart, typeEnd) : null;
    if (type !== null && bytes.indexOf(SPACE, start) === oidEnd) {
      let size = 0;
      for (let i = sizeStart; i < end; i++) size = size * 10 + (bytes[i] as number) - DIGIT_0;
      this.oid = bytes.toString('latin1', start, oidEnd);
      this.type = type;
      this.size = size;
      this.content = null;
      this.filled = 0;
      this.awaitingTrailer = size === 0;
      return;
    }
    const header = bytes.toString('utf8', start, end);
    const parts = header.split(' ');
    const status = parts.at(-1);
    if (parts.length >= 2 && (status === 'missing' || status === 'ambiguous')) {
      this.onResponse({ kind: status, name: parts.slice(0, -1).join(' ') });
      return;
    }
    throw new Error(`git cat-file --batch: unexpected header "${header}"`);
  }

  private emitCurrent(): void {
    const content = this.content ?? Buffer.alloc(0);
    const { oid, type } = this;
    this.size = -1;
    this.content = null;
    this.filled = 0;
    this.onResponse({ kind: 'object', oid, type, content });
  }
}
