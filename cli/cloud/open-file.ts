// Opening a report in a browser is a convenience: only where a desktop can show it, never a
// reason to fail (servers, containers and CI have no display).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export type FileOpener = (path: string) => boolean;

/** Hand `path` to the desktop's opener if there is one; returns whether it was tried. */
export const openWithDesktop: FileOpener = (path) => {
  const opener = desktopOpener();
  if (!opener) return false;
  try {
    const child = spawn(opener, [path], { detached: true, stdio: 'ignore' });
    child.on('error', () => undefined);
    child.unref();
    return true;
  } catch {
    return false;
  }
};

function desktopOpener(): string | undefined {
  if (process.platform === 'darwin') return 'open';
  if (process.platform !== 'linux' || !(process.env.DISPLAY || process.env.WAYLAND_DISPLAY)) return undefined;
  const found = (process.env.PATH ?? '').split(delimiter).some((dir) => dir && existsSync(join(dir, 'xdg-open')));
  return found ? 'xdg-open' : undefined;
}
