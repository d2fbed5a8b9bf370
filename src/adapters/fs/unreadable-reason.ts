/** Why a file could not be read, in words for a message: `no such file`, `it is a directory`, `permission denied`, else the error code. */
export function unreadableReason(cause: unknown): string {
  const code = (cause as NodeJS.ErrnoException).code;
  return code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : (code ?? String(cause));
}
