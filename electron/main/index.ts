import fs from 'node:fs';
import path from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  protocol,
  session,
  type IpcMainInvokeEvent,
  type MenuItemConstructorOptions,
  type WebContents,
} from 'electron';
import { SQLITE_BINDING_ENV } from '../../db/connection';
import { failedResult } from '../../core/api';
import { openBackend } from '../backend';
import { nodeComputeProcess } from '../backend/jobs/compute-process';
import type { Backend, FileDialogs } from '../backend/types';
import { APP_DIR_NAME } from '../backend/paths';
import { osKeyProtector } from './key-protector';
import { failedLine, LAUNCHER_ENV, readyLine, START_FAILED_EXIT_CODE } from './launch-protocol.mjs';
import {
  APP_SCHEME,
  APP_URL,
  IPC_EVENT_CHANNEL,
  IPC_INVOKE_CHANNEL,
  bundleResponseHeaders,
  isAllowedNavigation,
  isSpaFallbackPath,
  mainWindowOptions,
  refuseInvoke,
  resolveBundlePath,
} from './security';
import { chooseSqliteBinding, explainLoadError } from './sqlite-binding';

/*
 * The Electron transport: one window showing dist/renderer through app://bundle, and one IPC channel into the
 * transport-neutral backend. Everything security-relevant that can be decided without a window lives in
 * ./security.ts and is unit-tested there; this file wires it to Electron's events.
 */

// Bundled as dist/node/electron-main.cjs, beside preload.cjs and above dist/renderer.
const preloadPath = path.join(__dirname, 'preload.cjs');
const rendererDir = path.join(__dirname, '..', 'renderer');

// The package name is 'retention-desk'; set the name and userData before anything reads them so the app uses
// the same folder as browser mode's default (electron/backend/paths.ts) — one workspace per machine.
app.setName(APP_DIR_NAME);
app.setPath('userData', path.join(app.getPath('appData'), APP_DIR_NAME));

// Belt and braces with `sandbox: true` in the window options: every renderer, including any we did not create.
app.enableSandbox();

protocol.registerSchemesAsPrivileged([
  // standard + secure: a real origin with working relative URLs and secure-context APIs. corsEnabled because
  // Vite emits <script type="module" crossorigin>, a CORS-mode request that Chromium allows only for
  // CORS-enabled schemes (the handler sends no Access-Control-Allow-Origin, so no other origin can read the
  // bundle). No CSP bypass.
  {
    scheme: APP_SCHEME,
    privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true },
  },
]);

let mainWindow: BrowserWindow | null = null;
let backend: Backend | null = null;
let stopEvents: (() => void) | null = null;

/** `--db PATH` / `--db=PATH`, as `npm start -- --db …` passes it through; otherwise the per-user workspace. */
function workspacePath(argv: readonly string[]): string {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--db' && argv[i + 1]) return path.resolve(argv[i + 1] as string);
    if (arg.startsWith('--db=') && arg.length > 5) return path.resolve(arg.slice(5));
  }
  if (process.env.RETENTION_DESK_HOME) return path.join(process.env.RETENTION_DESK_HOME, 'workspace.sqlite');
  return path.join(app.getPath('userData'), 'workspace.sqlite');
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: bundleResponseHeaders('status.txt') });
}
const notFound = () => plain(404, 'Not found');

async function serveBundle(request: Request): Promise<Response> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'Method not allowed');
  let file = resolveBundlePath(request.url, rendererDir);
  if (!file) return notFound();
  try {
    let stat = await fs.promises.stat(file).catch(() => null);
    if ((!stat || !stat.isFile()) && isSpaFallbackPath(request.url)) {
      file = path.join(rendererDir, 'index.html');
      stat = await fs.promises.stat(file).catch(() => null);
    }
    if (!stat || !stat.isFile()) return notFound();
    const body = request.method === 'HEAD' ? null : await fs.promises.readFile(file);
    return new Response(body, { status: 200, headers: bundleResponseHeaders(file) });
  } catch {
    return notFound();
  }
}

function hardenSessions(): void {
  const ses = session.defaultSession;
  // The app needs no camera, notifications, geolocation, HID, serial…; nothing is ever granted.
  ses.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  // The app is offline by design: a page that tried to reach the network would be doing something it should not.
  ses.webRequest.onBeforeRequest(
    { urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'ftp://*/*'] },
    (_details, callback) => callback({ cancel: true }),
  );
  ses.protocol.handle(APP_SCHEME, serveBundle);
}

// Applies to every WebContents, including ones we never meant to create: no pop-ups, no leaving the bundle,
// no <webview>.
app.on('web-contents-created', (_event, contents: WebContents) => {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event) => {
    if (!isAllowedNavigation(event.url, APP_URL)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAllowedNavigation(event.url, APP_URL)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

/**
 * The desktop's file dialogs (a platform capability behind the contract): the backend's `file-pick` / `file-save`
 * operations call these through dispatch like every other operation (roles, input schema, the session's files);
 * only the path the person chose comes back here, never one the page named.
 */
const fileDialogs: FileDialogs = {
  async pickFile({ title, extensions }) {
    if (!mainWindow) return null;
    const r = await dialog.showOpenDialog(mainWindow, {
      title: title?.slice(0, 200),
      properties: ['openFile'],
      filters: extensions.length ? [{ name: extensions.join(', '), extensions }] : [],
    });
    return r.canceled || !r.filePaths[0] ? null : r.filePaths[0];
  },
  async saveFile({ defaultName }) {
    if (!mainWindow) return null;
    const r = await dialog.showSaveDialog(mainWindow, { defaultPath: defaultName });
    return r.canceled || !r.filePath ? null : r.filePath;
  },
};

function registerIpc(active: Backend): void {
  // Events belong to a session (issue 12 #5): the window hears those of the session its latest call came with.
  let windowSession: string | null = null;
  const follow = (session: string | null) => {
    if (session === windowSession) return;
    windowSession = session;
    stopEvents?.();
    stopEvents = session
      ? active.onSessionEvent(session, (eventName, payload) => {
          const contents = mainWindow?.webContents;
          if (contents && !contents.isDestroyed()) contents.send(IPC_EVENT_CHANNEL, eventName, payload);
        })
      : null;
  };
  ipcMain.handle(IPC_INVOKE_CHANNEL, async (event: IpcMainInvokeEvent, name: unknown, input: unknown, session: unknown) => {
    const frame = event.senderFrame;
    const refusal = refuseInvoke(
      { url: frame?.url, isMainFrame: frame !== null && frame.parent === null && event.sender === mainWindow?.webContents },
      name,
    );
    if (refusal) return failedResult(refusal.code, refusal.messageKey, refusal.params);
    const token = typeof session === 'string' ? session : null;
    follow(token);
    // dispatch already turns every failure into { code, messageKey, params, message } data (docs/architecture.md "One contract")
    return active.dispatchSession(token, name as string, input);
  });
}

function buildMenu(): void {
  const isMac = process.platform === 'darwin';
  const view: MenuItemConstructorOptions[] = [{ role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }];
  if (!app.isPackaged) {
    view.unshift({ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' });
  }
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    { label: 'File', submenu: [isMac ? { role: 'close' } : { role: 'quit' }] },
    { role: 'editMenu' },
    { label: 'View', submenu: view },
    { role: 'windowMenu' },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

function createWindow(): void {
  const window = new BrowserWindow(mainWindowOptions(preloadPath, { devTools: !app.isPackaged }));
  mainWindow = window;
  let shown = false;
  window.once('ready-to-show', () => {
    shown = true;
    window.show();
    announceReady();
  });
  // A page that fails to load would otherwise leave an invisible window and a running process.
  window.webContents.once('did-fail-load', (_event, code, description) => {
    console.error(`Retention Desk: the window failed to load (${code} ${description})`);
    if (!window.isDestroyed() && !window.isVisible()) window.show();
  });
  // --- issue 14: a renderer that dies (docs/desktop.md "Start-up handshake") -------------------------------------
  // Before its first paint nothing is on screen: that is a failed start, not a window to keep. Afterwards the page
  // is reloaded (the agent signs in again; nothing saved is lost), but not in a loop.
  let lastReload = 0;
  window.webContents.on('render-process-gone', (_event, details) => {
    const what = `the window's page stopped (${details.reason}, exit ${details.exitCode})`;
    if (!shown) {
      fail('Retention Desk could not start', what);
      return;
    }
    console.error(`Retention Desk: ${what}`);
    if (details.reason === 'clean-exit' || window.isDestroyed()) return;
    if (Date.now() - lastReload < 30_000) {
      fail('Retention Desk stopped', `${what}, again within 30 s of reloading it`);
      return;
    }
    lastReload = Date.now();
    window.webContents.reload();
  });
  // --- end issue 14 --------------------------------------------------------------------------------------------------
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  void window.loadURL(APP_URL);
}

// --- issue 14: failing without a click, quitting after the workers (docs/desktop.md) -------------------------------
/** Started by `npm start` (scripts/start.mjs), which falls back to browser mode on START_FAILED_EXIT_CODE. */
const launchedByNpmStart = process.env[LAUNCHER_ENV] === '1';
// Our stdout is then a pipe to npm start; should that process be killed outright, a later log line must not turn a
// broken pipe (EPIPE) into an uncaught exception that takes the app down.
if (launchedByNpmStart) process.stdout.on('error', () => {});

function announceReady(): void {
  if (launchedByNpmStart) process.stdout.write(readyLine());
}

/**
 * A start that cannot go on. Under `npm start` it says why on stdout and exits at once with the dedicated code —
 * a modal box would hold the process until someone clicks, and nobody may be looking. The packaged app has no
 * terminal, so there the dialog stays (dialog.showErrorBox is the one dialog usable before 'ready').
 */
function fail(title: string, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`${title}: ${message}`);
  if (launchedByNpmStart) {
    const exit = () => app.exit(START_FAILED_EXIT_CODE);
    // Pipes are asynchronous on Windows and macOS: exit once the line is out, or after a second regardless.
    process.stdout.write(failedLine(`${title}: ${message}`), exit);
    setTimeout(exit, 1000).unref();
    return;
  }
  dialog.showErrorBox(title, message);
  app.exit(1);
}

/**
 * Chooses better-sqlite3's Electron-ABI binary for this process and its job workers (which inherit the
 * environment), and says which one and for which NODE_MODULE_VERSION. False when there is none that fits.
 */
function selectSqliteBinding(): boolean {
  const choice = chooseSqliteBinding({
    isPackaged: app.isPackaged,
    resourcesPath: process.resourcesPath,
    appPath: app.getAppPath(),
    platform: process.platform,
    arch: process.arch,
    abi: process.versions.modules,
    electron: process.versions.electron,
    envValue: process.env[SQLITE_BINDING_ENV],
  });
  if (!choice.ok) {
    fail('Retention Desk cannot load SQLite', choice.reason);
    return false;
  }
  process.env[SQLITE_BINDING_ENV] = choice.file;
  console.log(`Retention Desk: ${choice.describe}`);
  return true;
}

let shuttingDown = false;

/** Jobs stopped and their workers gone first, then the workspace closed; then the app really quits. */
function shutdown(event: Electron.Event): void {
  const active = backend;
  if (!active || shuttingDown) return;
  event.preventDefault();
  shuttingDown = true;
  stopEvents?.();
  stopEvents = null;
  active
    .shutdown()
    .catch((error: unknown) => console.error('Retention Desk: closing the workspace failed', error))
    .finally(() => {
      backend = null;
      app.quit();
    });
}
// --- end issue 14 ----------------------------------------------------------------------------------------------------

if (!app.requestSingleInstanceLock()) {
  // A second launch only brings the running window forward (see 'second-instance'); two processes must not
  // share one workspace file.
  console.log('Retention Desk is already running: its window is brought forward.');
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.show();
    mainWindow.focus();
  });

  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', shutdown);

  app
    .whenReady()
    .then(() => {
      hardenSessions();
      buildMenu();
      if (!fs.existsSync(path.join(rendererDir, 'index.html'))) {
        fail('Retention Desk is not built', `${rendererDir} has no index.html — run \`npm run build\`.`);
        return;
      }
      if (!selectSqliteBinding()) return;
      try {
        backend = openBackend({ dbPath: workspacePath(process.argv), demoIfEmpty: true, dailyBackups: true, scheduledCampaigns: true, dailyRecompute: true, keyProtector: osKeyProtector(), dialogs: fileDialogs, computeProcess: nodeComputeProcess });
      } catch (error) {
        fail('Retention Desk cannot open its workspace', explainLoadError(error instanceof Error ? error.message : String(error), process.versions.modules));
        return;
      }
      registerIpc(backend);
      createWindow();
    })
    .catch((error: unknown) => fail('Retention Desk could not start', error));
}
