/**
 * Answers remembered by question: a build asks the same few hundred questions thousands of times (version
 * ordering, release checks, metadata). Past `limit` entries the memory starts over. A computation that throws
 * is not remembered.
 */
export class Answers<V> {
  private readonly known = new Map<string, V>();

  constructor(private readonly limit: number) {}

  get(question: string, compute: () => V): V {
    let answer = this.known.get(question);
    if (answer === undefined) {
      answer = compute();
      if (this.known.size >= this.limit) this.known.clear();
      this.known.set(question, answer);
    }
    return answer;
  }
}
