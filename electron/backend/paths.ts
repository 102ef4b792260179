import os from 'node:os';
import path from 'node:path';

export const APP_DIR_NAME = 'Retention Desk';

/**
 * Where the workspace lives when no --db is given. The same folder Electron uses as `userData` for our
 * productName, so the desktop app and browser mode open the same workspace on one machine.
 * RETENTION_DESK_HOME overrides it (tests, portable installs).
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.RETENTION_DESK_HOME) return env.RETENTION_DESK_HOME;
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', APP_DIR_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), APP_DIR_NAME);
}

export function defaultDbPath(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  return path.join(defaultDataDir(env, platform), 'workspace.sqlite');
}
