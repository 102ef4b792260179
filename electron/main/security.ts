import path from 'node:path';
import type { BrowserWindowConstructorOptions } from 'electron';
import { apiError, isOperationName, type ApiError } from '../../core/api';

/*
 * The desktop shell's security decisions as plain functions, so they are unit-tested without a window
 * (Electron's binary is not available on the build machines). Only `import type` from 'electron' here:
 * a runtime import would make vitest resolve electron/index.js, which tries to download the binary.
 */

/**
 * The renderer is served from a custom privileged scheme rather than file://, because file:// pages share one
 * origin with every file on the disk, while app://bundle is an origin of its own whose responses we control
 * (including the CSP header) and whose paths cannot leave dist/renderer.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'bundle';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_URL = `${APP_ORIGIN}/index.html`;

// Defined beside the preload because that bundle must stay free of core/api's run-time imports.
export { IPC_EVENT_CHANNEL, IPC_INVOKE_CHANNEL } from '../preload/names';

/**
 * 'unsafe-inline' for styles only: MUI/emotion inject <style> tags at run time. Scripts stay 'self' with no
 * 'unsafe-eval', so an injected string can never become code.
 */
export const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export interface WindowOptionsExtra {
  /** DevTools only for developers: a packaged build hands agents no console to poke the backend with. */
  devTools?: boolean;
}

/** Electron's security checklist, as window options. `show: false` until ready-to-show avoids a white flash. */
export function mainWindowOptions(preloadPath: string, extra: WindowOptionsExtra = {}): BrowserWindowConstructorOptions {
  return {
    title: 'Retention Desk',
    width: 1366,
    height: 768,
    minWidth: 1280,
    minHeight: 720,
    backgroundColor: '#f5f6f8',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      devTools: extra.devTools ?? true,
    },
  };
}

function parseUrl(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/**
 * Whether `url` belongs to the app itself: the same app:// origin as `appUrl`, or — when the shell is run from
 * file:// — exactly the built renderer's file. Everything else (web sites, other local files) is refused.
 */
export function isAllowedNavigation(url: string, appUrl: string = APP_URL): boolean {
  const target = parseUrl(url);
  const app = parseUrl(appUrl);
  if (!target || !app) return false;
  // user:pass@ in a URL is a classic trick to make a foreign host look like ours
  if (target.username || target.password) return false;
  if (app.protocol === 'file:') {
    return target.protocol === 'file:' && target.host === app.host && target.pathname === app.pathname;
  }
  if (app.protocol !== `${APP_SCHEME}:`) return false;
  return target.protocol === app.protocol && target.host === app.host;
}

/**
 * IPC is answered only for frames showing our own bundle: a frame that somehow navigated elsewhere (or an
 * injected iframe) must not reach the backend. A destroyed frame has no URL and is refused too.
 */
export function validateIpcSender(frameUrl: string | null | undefined, appUrl: string = APP_URL): boolean {
  if (typeof frameUrl !== 'string' || frameUrl === '') return false;
  return isAllowedNavigation(frameUrl, appUrl);
}

/**
 * The whole gate in front of `backend.dispatch` for one IPC call; null means "let it through". Refusals are
 * ApiError data because ipcRenderer.invoke would turn a thrown error into an opaque string.
 */
export function refuseInvoke(sender: { url: string | null | undefined; isMainFrame: boolean }, name: unknown): ApiError | null {
  if (!sender.isMainFrame || !validateIpcSender(sender.url)) {
    return apiError('forbidden', 'api.window-may-not-call');
  }
  if (!isOperationName(name)) {
    return apiError('unknown-operation', 'api.unknown-operation', { name: String(name).slice(0, 80) });
  }
  return null;
}

/**
 * Maps an app://bundle/… request to a file under `rootDir` (dist/renderer), or null when the request is not for
 * the bundle or would escape it. Dot segments are refused as written (plain or %2e-encoded); an encoded
 * separator (`..%2f`, `..%5c`) only becomes one after decoding, so each decoded segment is checked on its own;
 * and the final path is checked against the root as a last line of defence.
 */
export function resolveBundlePath(requestUrl: string, rootDir: string): string | null {
  const url = parseUrl(requestUrl);
  if (!url || url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
  if (url.username || url.password || url.port) return null;
  if (hasDotSegment(requestUrl)) return null;

  const segments: string[] = [];
  for (const raw of url.pathname.split('/')) {
    if (raw === '') continue;
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null; // malformed escape
    }
    if (segment === '.' || segment === '..') return null;
    // separators, NUL and ':' (drive letters, NTFS streams) have no place in a bundle file name
    if (/[/\\\0:]/.test(segment)) return null;
    segments.push(segment);
  }
  if (segments.length === 0) segments.push('index.html');

  const root = path.resolve(rootDir);
  const resolved = path.resolve(root, ...segments);
  const relative = path.relative(root, resolved);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return null;
  return resolved;
}

/**
 * Dot segments in the URL as written. The parser would fold them away (…/../../etc/passwd becomes /etc/passwd,
 * harmlessly inside the root), but a request that tries to climb out is refused outright rather than
 * answered with some other file.
 */
function hasDotSegment(rawUrl: string): boolean {
  const rawPath = rawUrl.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i, '').split(/[?#]/, 1)[0] ?? '';
  return rawPath
    .split(/\/|\\|%2f|%5c/i)
    .some((segment) => /^(?:\.|%2e){1,2}$/i.test(segment));
}

const MIME_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
};

export function mimeTypeFor(filePath: string): string {
  return MIME_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/** Headers for every response of the app:// handler: the CSP travels with each document, nosniff with each file. */
export function bundleResponseHeaders(filePath: string): Record<string, string> {
  return {
    'content-type': mimeTypeFor(filePath),
    'content-security-policy': contentSecurityPolicy,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-cache',
  };
}

/**
 * A client-side route reloaded in the window (app://bundle/queue) has no file behind it; such extension-less
 * paths get index.html, while a missing asset (…/x.js) stays a 404 so a broken build is visible.
 */
export function isSpaFallbackPath(requestUrl: string): boolean {
  const url = parseUrl(requestUrl);
  if (!url) return false;
  const last = url.pathname.split('/').pop() ?? '';
  return !last.includes('.');
}
