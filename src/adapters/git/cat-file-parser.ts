/** Incremental parser for the output of `git cat-file --batch`; chunks may split it at any byte. */
export type CatFileResponse =
  | { kind: 'object'; oid: string; type: string; content: Buffer }
  | { kind: 'missing' | 'ambiguous'; name: string };

const LF = 0x0a;

export class CatFileParser {
  private headerParts: Buffer[] = [];
  private current: { oid: string; type: string; size: number } | null = null;
  /** Allocated only for content split across chunks: content inside one chunk is handed on as a view of it. */
  private content: Buffer | null = null;
  private filled = 0;
  private awaitingTrailer = false;

  constructor(private readonly onResponse: (response: CatFileResponse) => void) {}

  /** True between responses, when no partial response is buffered. */
  get idle(): boolean {
    return this.current === null && !this.awaitingTrailer && this.headerParts.length === 0;
  }

  push(chunk: Buffer): void {
    let pos = 0;
    while (pos < chunk.length) {
      if (this.awaitingTrailer) {
        if (chunk[pos] !== LF) throw new Error('git cat-file --batch: expected a newline after object content');
        pos += 1;
        this.awaitingTrailer = false;
        this.emitCurrent();
      } else if (this.current !== null) {
        const { size } = this.current;
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
        const header = this.takeHeader(chunk.subarray(pos, end));
        pos = end + 1;
        this.onHeader(header);
      }
    }
  }

  private takeHeader(last: Buffer): string {
    if (this.headerParts.length === 0) return last.toString('utf8');
    const header = Buffer.concat([...this.headerParts, last]).toString('utf8');
    this.headerParts = [];
    return header;
  }

  private onHeader(header: string): void {
    const parts = header.split(' ');
    if (parts.length === 3 && /^[0-9]+$/.test(parts[2] ?? '')) {
      const [oid = '', type = '', size = ''] = parts;
      this.current = { oid, type, size: Number(size) };
      this.content = null;
      this.filled = 0;
      this.awaitingTrailer = this.current.size === 0;
      return;
    }
    const status = parts.at(-1);
    if (parts.length >= 2 && (status === 'missing' || status === 'ambiguous')) {
      this.onResponse({ kind: status, name: parts.slice(0, -1).join(' ') });
      return;
    }
    throw new Error(`git cat-file --batch: unexpected header "${header}"`);
  }

  private emitCurrent(): void {
    const current = this.current;
    const content = this.content ?? Buffer.alloc(0);
    this.current = null;
    this.content = null;
    this.filled = 0;
    if (current !== null) this.onResponse({ kind: 'object', oid: current.oid, type: current.type, content });
  }
}
