// A store whose table (dynalite's LevelDB) is damaged, truncated or not LevelDB at all, would
// make dynalite throw an uncaught error at the first request. Opened and read through here
// first, it is one sentence naming the path; nothing in the store is changed or deleted.
import { stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { FinwizError } from '../lambdas/core/errors.js';

interface LevelDatabase {
  open(): Promise<void>;
  close(): Promise<void>;
  keys(): AsyncIterable<unknown>;
}

/** The store cannot be used as it is; `path` is what is wrong. */
export class DamagedStore extends FinwizError {
  override readonly name = 'DamagedStore';
  constructor(
    readonly path: string,
    readonly problem: string,
  ) {
    super(`${path} ${problem}`);
  }
}

/** Another process has the table open (only one may). */
export class TableInUse extends FinwizError {
  override readonly name = 'TableInUse';
}

const errorCode = (error: unknown): string | undefined => (error as { code?: string } | null)?.code;

/** Check the store's layout and read its whole table once; throws DamagedStore or TableInUse. */
export async function checkStore(storeDir: string): Promise<void> {
  for (const part of ['s3', 'dynamodb']) {
    const path = join(storeDir, part);
    const found = await stat(path).catch(() => undefined);
    if (found && !found.isDirectory()) throw new DamagedStore(path, 'is a file where the store keeps a directory');
  }
  const path = join(storeDir, 'dynamodb');
  if (!(await stat(path).catch(() => undefined))) return;
  // `level` as dynalite itself loads it: the same version, wherever npm placed it.
  const require = createRequire(import.meta.url);
  const { Level } = createRequire(require.resolve('dynalite'))('level') as {
    Level: new (location: string, options?: { createIfMissing?: boolean }) => LevelDatabase;
  };
  const database = new Level(path, { createIfMissing: true });
  try {
    await database.open();
  } catch (error) {
    const cause = (error as { cause?: unknown }).cause;
    if (errorCode(cause) === 'LEVEL_LOCKED') throw new TableInUse('the store table is open in another process');
    throw new DamagedStore(path, `cannot be opened as the store's table (${firstSentence(cause ?? error)})`);
  }
  try {
    // Reading every key reads every block: a truncated table file shows here, not mid-run.
    for await (const _key of database.keys()) {
      // read only
    }
  } catch (error) {
    throw new DamagedStore(path, `has a damaged table file (${firstSentence(error)})`);
  } finally {
    await database.close().catch(() => undefined);
  }
}

function firstSentence(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (text.split('\n', 1)[0] ?? '').replace(/[.\s]+$/, '');
}
