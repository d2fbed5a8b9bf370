/** Whether an Accept-Encoding header allows gzip: listed (or `*`) with a non-zero quality, and not refused by name. */
export function acceptsGzip(header: string | undefined): boolean {
  if (header === undefined) return false;
  let named: number | undefined;
  let wildcard: number | undefined;
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.split(';').map((s) => s.trim().toLowerCase());
    const qParam = params.find((p) => p.startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    const quality = Number.isNaN(q) ? 0 : q;
    if (name === 'gzip' || name === 'x-gzip') named = Math.max(named ?? 0, quality);
    else if (name === '*') wildcard = quality;
  }
  return (named ?? wildcard ?? 0) > 0;
}
