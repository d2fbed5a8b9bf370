/** A run's duration as people read it: `850 ms`, `42 s`, `12 min 3 s`, `1 h 5 min`. */
export function durationText(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return seconds % 60 === 0 ? `${minutes} min` : `${minutes} min ${seconds % 60} s`;
  const hours = Math.floor(minutes / 60);
  return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
}

const ISO = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;

/** An ISO 8601 time to the minute, `2026-12-06 22:10 UTC` or `2026-12-06 22:10 +01:00`; any other text as it is. */
export function dateTimeText(iso: string): string {
  const match = ISO.exec(iso);
  if (match === null) return iso;
  const [, date, time, zone] = match;
  return `${date} ${time} ${zone === 'Z' || zone === '+00:00' || zone === '+0000' ? 'UTC' : zone}`;
}
