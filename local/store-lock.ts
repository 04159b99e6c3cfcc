// One run at a time on a local store: dynalite's LevelDB admits one process, and two runs
// would interleave their writes. The lock is a file naming its holder (pid, session, since
// when), created atomically by link(2), so a waiting run can say who holds the store and a
// lock whose process is gone (killed, machine restarted) can be recognised and taken over.
import { link, readFile, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { z } from 'zod';

export const LOCK_FILE = 'finwiz.lock';

const holderSchema = z.object({
  pid: z.number().int(),
  host: z.string(),
  bootId: z.string().nullable(),
  sessionId: z.string(),
  since: z.string(),
});
export type LockHolder = z.infer<typeof holderSchema>;

export interface StoreLock {
  release(): Promise<void>;
}

export interface AcquireOptions {
  sessionId: string;
  /** Refuse at once instead of waiting for the holder. */
  wait: boolean;
  /** Told once when the store is held by a live run (then the wait starts). */
  onWaiting?: (holder: LockHolder | null) => void;
  /** Told when a lock left by a process that no longer exists is taken over. */
  onStale?: (holder: LockHolder | null) => void;
  pollMs?: number;
  /** Stops the wait (Ctrl-C). */
  signal?: AbortSignal;
}

/** The store is held by a live run and the caller asked not to wait. */
export class StoreInUse extends Error {
  override readonly name = 'StoreInUse';
  constructor(readonly holder: LockHolder | null) {
    super('store in use');
  }
}

/** This machine's boot: a pid from before a restart names another process, or none. */
function bootId(): string | null {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf-8').trim();
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the holder may still be running. A lock from another host cannot be checked: it holds. */
export function holderAlive(holder: LockHolder | null): boolean {
  if (holder === null) return false;
  if (holder.host !== hostname()) return true;
  const boot = bootId();
  if (boot !== null && holder.bootId !== null && boot !== holder.bootId) return false;
  return alive(holder.pid);
}

export async function readHolder(storeDir: string): Promise<LockHolder | null | 'none'> {
  let text: string;
  try {
    text = await readFile(join(storeDir, LOCK_FILE), 'utf-8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'none';
    throw error;
  }
  // Written whole before it is linked into place, so an unreadable lock is damaged: nobody's.
  try {
    return holderSchema.parse(JSON.parse(text));
  } catch {
    return null;
  }
}

export async function acquireStoreLock(storeDir: string, options: AcquireOptions): Promise<StoreLock> {
  const path = join(storeDir, LOCK_FILE);
  const me: LockHolder = { pid: process.pid, host: hostname(), bootId: bootId(), sessionId: options.sessionId, since: new Date().toISOString() };
  const text = JSON.stringify(me);
  const draft = join(storeDir, `${LOCK_FILE}.${process.pid}.tmp`);
  await writeFile(draft, text);
  let told = false;
  try {
    for (;;) {
      try {
        await link(draft, path);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = await readHolder(storeDir);
      if (holder === 'none') continue;
      if (!holderAlive(holder)) {
        options.onStale?.(holder);
        // Only the lock we judged stale goes: a run that took it over meanwhile keeps its own.
        const now = await readHolder(storeDir);
        if (JSON.stringify(now) === JSON.stringify(holder)) await unlink(path).catch(() => undefined);
        continue;
      }
      if (!options.wait) throw new StoreInUse(holder);
      if (!told) options.onWaiting?.(holder);
      told = true;
      await sleep(options.pollMs ?? 500, options.signal);
    }
  } finally {
    await unlink(draft).catch(() => undefined);
  }
  return {
    async release() {
      const now = await readHolder(storeDir);
      if (now !== 'none' && now !== null && now.pid === me.pid && now.since === me.since) await unlink(path).catch(() => undefined);
    },
  };
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
