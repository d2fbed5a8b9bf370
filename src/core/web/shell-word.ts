const PLAIN = /^[A-Za-z0-9._/:@=+,%-]+$/;
// Inside double quotes a POSIX shell still expands $, ` and \ (and bash's history expansion !); cmd.exe reads them as they are.
const DOUBLE_QUOTABLE = /^[^"$`\\!\n\r]*$/;

/**
 * One argument of a command the index offers to copy, quoted so that a shell passes it on unchanged:
 * plain words as they are, others in double quotes (which cmd.exe understands too), anything else
 * (a branch named with quotes or $) in single quotes.
 */
export function shellWord(word: string): string {
  if (PLAIN.test(word)) return word;
  if (DOUBLE_QUOTABLE.test(word)) return `"${word}"`;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
