/** Where a verify run is: packages read, archives looked up (downloaded when remote), archives checked or versions compared. */
export interface VerifyProgress {
  phase: 'metadata' | 'archives' | 'checks';
  done: number;
  total: number;
  detail?: string;
}

export type OnVerifyProgress = (p: VerifyProgress) => void;

/** Runs tasks, reporting each one done under `phase`. */
export async function withProgress<T, R>(items: readonly T[], phase: VerifyProgress['phase'], onProgress: OnVerifyProgress | undefined, run: (item: T) => Promise<R>, detail?: (item: T) => string): Promise<R[]> {
  let done = 0;
  onProgress?.({ phase, done, total: items.length });
  return Promise.all(
    items.map(async (item) => {
      const result = await run(item);
      onProgress?.({ phase, done: ++done, total: items.length, ...(detail === undefined ? {} : { detail: detail(item) }) });
      return result;
    }),
  );
}
