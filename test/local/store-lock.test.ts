// The store lock: one holder at a time, a live holder named to the waiter, a dead one taken over.
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { acquireStoreLock, holderAlive, LOCK_FILE, StoreInUse } from '../../local/store-lock.js';

const exitedPid = async () => {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.on('close', resolve));
  return child.pid!;
};

describe('acquireStoreLock', () => {
  it('refuses a second holder without waiting, naming the first, and frees the store on release', async () => {
    const store = await mkdtemp(join(tmpdir(), 'finwiz-lock-'));
    const first = await acquireStoreLock(store, { sessionId: 'one', wait: false });
    const error = await acquireStoreLock(store, { sessionId: 'two', wait: false }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StoreInUse);
    expect((error as StoreInUse).holder).toMatchObject({ pid: process.pid, sessionId: 'one', host: hostname() });
    await first.release();
    const second = await acquireStoreLock(store, { sessionId: 'two', wait: false });
    expect(JSON.parse(await readFile(join(store, LOCK_FILE), 'utf-8'))).toMatchObject({ sessionId: 'two' });
    await second.release();
  });

  it('a waiter is told once and gets the store when the holder releases it', async () => {
    const store = await mkdtemp(join(tmpdir(), 'finwiz-lock-'));
    const first = await acquireStoreLock(store, { sessionId: 'one', wait: false });
    const told: Array<string | undefined> = [];
    const waiting = acquireStoreLock(store, { sessionId: 'two', wait: true, pollMs: 20, onWaiting: (holder) => told.push(holder?.sessionId) });
    while (told.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    await first.release();
    const second = await waiting;
    expect(told).toEqual(['one']);
    await second.release();
  });

  it('takes over a lock whose process is gone, or that is unreadable, telling onStale', async () => {
    const store = await mkdtemp(join(tmpdir(), 'finwiz-lock-'));
    const pid = await exitedPid();
    await writeFile(join(store, LOCK_FILE), JSON.stringify({ pid, host: hostname(), bootId: null, sessionId: 'dead', since: 'x' }));
    const stale: Array<string | undefined> = [];
    const lock = await acquireStoreLock(store, { sessionId: 'alive', wait: false, onStale: (holder) => stale.push(holder?.sessionId) });
    expect(stale).toEqual(['dead']);
    await lock.release();
    await writeFile(join(store, LOCK_FILE), '{"pid":');
    const again = await acquireStoreLock(store, { sessionId: 'alive', wait: false, onStale: (holder) => stale.push(holder?.sessionId) });
    expect(stale).toEqual(['dead', undefined]);
    await again.release();
  });

  it('judges holders: this process lives, an exited one does not, another boot or host as said', async () => {
    const here = { pid: process.pid, host: hostname(), bootId: null, sessionId: 's', since: 'x' };
    expect(holderAlive(here)).toBe(true);
    expect(holderAlive({ ...here, pid: await exitedPid() })).toBe(false);
    // Another machine's process cannot be checked: it is taken to hold the store.
    expect(holderAlive({ ...here, host: `${hostname()}-elsewhere`, pid: await exitedPid() })).toBe(true);
    // A lock from before this machine restarted names no running process, even a live pid.
    expect(holderAlive({ ...here, bootId: 'another-boot' })).toBe(process.platform !== 'linux');
  });
});
