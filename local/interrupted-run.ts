// What an interrupted run leaves in its store, so that a rerun of its session id can say what
// it finds: `<store>/interrupted/<sessionId>.json`.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

const interruptedSchema = z.object({
  sessionId: z.string(),
  signal: z.string(),
  at: z.string(),
  total: z.number().int().nullable(),
  prefetched: z.number().int(),
  analysed: z.number().int(),
});
export type InterruptedRun = z.infer<typeof interruptedSchema>;

const markerPath = (storeDir: string, sessionId: string) => join(storeDir, 'interrupted', `${encodeURIComponent(sessionId)}.json`);

export async function recordInterrupted(storeDir: string, run: InterruptedRun): Promise<void> {
  await mkdir(join(storeDir, 'interrupted'), { recursive: true });
  await writeFile(markerPath(storeDir, run.sessionId), `${JSON.stringify(run)}\n`);
}

/** The record, or null if the session was not interrupted (or its record is unreadable). */
export async function readInterrupted(storeDir: string, sessionId: string): Promise<InterruptedRun | null> {
  try {
    return interruptedSchema.parse(JSON.parse(await readFile(markerPath(storeDir, sessionId), 'utf-8')));
  } catch {
    return null;
  }
}

export async function clearInterrupted(storeDir: string, sessionId: string): Promise<void> {
  await rm(markerPath(storeDir, sessionId), { force: true });
}
