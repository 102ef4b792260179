import { spawn } from 'node:child_process';

/*
 * `serve --open`: a convenience, never a requirement. The URL is always printed as well, so every failure here
 * (no display, no xdg-open, a locked-down PC) is silent — the agent can still copy the link.
 */

export interface BrowserOpenCommand {
  command: string;
  args: string[];
  /** Windows: the arguments are already quoted/escaped for cmd.exe and must be passed as they are. */
  verbatim: boolean;
}

/** A desktop to show a browser on: always on Windows and macOS; on Linux/BSD only with X11 or Wayland. */
export function hasDisplay(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): boolean {
  if (platform === 'win32' || platform === 'darwin') return true;
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

// Our own URLs (http://127.0.0.1:PORT/#secret=…) fit in this set. Anything else (spaces, quotes, ^, |, <, >)
// could be read by cmd.exe as syntax, so it is not opened at all rather than escaped cleverly.
const SAFE_URL = /^https?:\/\/[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+$/;
const CMD_UNSAFE = /["%^|<>!'()]/;

/** How to open `url` in the default browser on this platform, or null when we should not try. */
export function browserOpenCommand(
  platform: NodeJS.Platform,
  env: NodeJS.ProcessEnv,
  url: string,
): BrowserOpenCommand | null {
  if (!SAFE_URL.test(url) || !hasDisplay(platform, env)) return null;
  if (platform === 'darwin') return { command: 'open', args: [url], verbatim: false };
  if (platform === 'win32') {
    if (CMD_UNSAFE.test(url)) return null;
    // `start` treats a first quoted argument as the window title, hence the empty "". `&` would end the
    // command in cmd.exe, so it is escaped with ^ (the only cmd metacharacter a URL of ours may contain).
    return { command: 'cmd.exe', args: ['/d', '/s', '/c', `start "" ${url.replace(/&/g, '^&')}`], verbatim: true };
  }
  return { command: 'xdg-open', args: [url], verbatim: false };
}

/** Opens `url` in the default browser if there is a desktop to open it on; returns whether it tried. */
export function openInBrowser(
  url: string,
  platform: NodeJS.Platform = process.platform,
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  const cmd = browserOpenCommand(platform, env, url);
  if (!cmd) return false;
  try {
    const child = spawn(cmd.command, cmd.args, {
      detached: true,
      stdio: 'ignore',
      windowsHide: true,
      windowsVerbatimArguments: cmd.verbatim,
    });
    child.on('error', () => {
      // no xdg-open / open: the printed URL is the fallback
    });
    child.unref();
    return true;
  } catch {
    return false;
  }
}
