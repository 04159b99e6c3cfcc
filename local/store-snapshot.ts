// Reading a store that a run may hold: dynalite's LevelDB admits one process, so readers
// (`runs`, `show`, `history`, `track-record` with --local) serve a copy of the table taken now,
// and the bucket's files as they are. The run holding the store is never touched.
import { cp, mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { FinwizError } from '../lambdas/core/errors.js';
import { checkStore, DamagedStore } from './store-check.js';
import { holderAlive, readHolder } from './store-lock.js';
import { startLocalServices, type LocalServices } from './services.js';

const ATTEMPTS = 3;

/** The table changed under every copy (a busy run compacting it). */
export class SnapshotUnavailable extends FinwizError {
  override readonly name = 'SnapshotUnavailable';
}

export async function openStoreSnapshot(bucket: string, storeDir: string): Promise<LocalServices> {
  const table = join(storeDir, 'dynamodb');
  const found = await stat(table).catch(() => undefined);
  if (found && !found.isDirectory()) throw new DamagedStore(table, 'is a file where the store keeps a directory');
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const copy = await mkdtemp(join(tmpdir(), 'finwiz-table-'));
    try {
      // LOCK stays behind: it is the holder's.
      if (found) await cp(table, join(copy, 'dynamodb'), { recursive: true, filter: (source) => basename(source) !== 'LOCK' });
      await checkStore(copy);
      const services = await startLocalServices(bucket, storeDir, { dynamoDir: join(copy, 'dynamodb') });
      return {
        ...services,
        async close() {
          await services.close();
          await rm(copy, { recursive: true, force: true });
        },
      };
    } catch (error) {
      await rm(copy, { recursive: true, force: true });
      if (error instanceof DamagedStore) {
        // A copy taken mid-compaction can read as damaged; with no run on the store it is the store.
        const holder = await readHolder(storeDir);
        if (holder === 'none' || !holderAlive(holder)) throw new DamagedStore(table, error.problem);
      } else if ((error as NodeJS.ErrnoException).code !== 'ENOENT') {
        throw error;
      }
    }
  }
  throw new SnapshotUnavailable(`the table of ${storeDir} kept changing while it was copied`);
}
