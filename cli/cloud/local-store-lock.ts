// A local store's table is a LevelDB that one process at a time may open. dynalite throws an
// uncaught error on the first request when another process holds it (a `finwiz run` still
// running on the store), so the lock is tried here first, to say so in one sentence.
import { stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { z } from 'zod';
import { CliError, EXIT_FAILURE } from '../exit-codes.js';

interface LevelDatabase {
  open(): Promise<void>;
  close(): Promise<void>;
}

const lockedSchema = z.object({ code: z.string(), cause: z.object({ code: z.literal('LEVEL_LOCKED') }) });

export async function assertStoreNotInUse(storeDir: string): Promise<void> {
  const path = join(storeDir, 'dynamodb');
  if (!(await stat(path).catch(() => undefined))?.isDirectory()) return;
  // `level` as dynalite itself loads it: the same version, wherever npm placed it.
  const require = createRequire(import.meta.url);
  const { Level } = createRequire(require.resolve('dynalite'))('level') as { Level: new (location: string) => LevelDatabase };
  const database = new Level(path);
  try {
    await database.open();
  } catch (error) {
    if (lockedSchema.safeParse(error).success) {
      throw new CliError(
        `The local store ${storeDir} is in use by another finwiz process (a \`finwiz run\` still running?): try again once it has finished.`,
        EXIT_FAILURE,
      );
    }
    throw error;
  }
  await database.close();
}
