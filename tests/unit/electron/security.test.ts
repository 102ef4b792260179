import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_URL,
  bundleResponseHeaders,
  contentSecurityPolicy,
  isAllowedNavigation,
  isSpaFallbackPath,
  mainWindowOptions,
  mimeTypeFor,
  refuseInvoke,
  resolveBundlePath,
  validateIpcSender,
} from '../../../electron/main/security';

const root = path.resolve('/opt/retention-desk/dist/renderer');

describe('mainWindowOptions', () => {
  const options = mainWindowOptions('/app/dist/node/preload.cjs');
  const web = options.webPreferences ?? {};

  it('follows the Electron security checklist', () => {
    expect(web.contextIsolation).toBe(true);
    expect(web.sandbox).toBe(true);
    expect(web.nodeIntegration).toBe(false);
    expect(web.nodeIntegrationInWorker).toBe(false);
    expect(web.nodeIntegrationInSubFrames).toBe(false);
    expect(web.webSecurity).toBe(true);
    expect(web.allowRunningInsecureContent).toBe(false);
    expect(web.webviewTag).toBe(false);
    expect(web.experimentalFeatures).toBe(false);
    expect(web.spellcheck).toBe(false);
    expect(web.preload).toBe('/app/dist/node/preload.cjs');
  });

  it('opens hidden at a hall-PC size with a title', () => {
    expect(options.show).toBe(false);
    expect(options.title).toBe('Retention Desk');
    expect(options.minWidth).toBe(1280);
    expect(options.minHeight).toBe(720);
    expect(options.width).toBeGreaterThanOrEqual(1280);
    expect(options.height).toBeGreaterThanOrEqual(720);
    expect(options.backgroundColor).toMatch(/^#[0-9a-f]{6}$/i);
  });

  it('turns DevTools off when asked (packaged builds)', () => {
    expect(mainWindowOptions('/p', { devTools: false }).webPreferences?.devTools).toBe(false);
    expect(web.devTools).toBe(true);
  });
});

describe('contentSecurityPolicy', () => {
  const directives = new Map(
    contentSecurityPolicy.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name, values.join(' ')] as const;
    }),
  );

  it.each([
    ['default-src', "'self'"],
    ['script-src', "'self'"],
    ['style-src', "'self' 'unsafe-inline'"],
    ['img-src', "'self' data:"],
    ['font-src', "'self' data:"],
    ['connect-src', "'self'"],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'none'"],
    ['frame-ancestors', "'none'"],
  ])('%s is %s', (name, value) => {
    expect(directives.get(name)).toBe(value);
  });

  it('never allows eval or remote code', () => {
    expect(contentSecurityPolicy).not.toContain('unsafe-eval');
    expect(contentSecurityPolicy).not.toContain('wasm-unsafe-eval');
    expect(directives.get('script-src')).not.toContain('unsafe-inline');
    expect(contentSecurityPolicy).not.toMatch(/https?:|\*/);
  });

  it('travels with every bundle response', () => {
    const headers = bundleResponseHeaders(path.join(root, 'assets', 'index-abc.js'));
    expect(headers['content-security-policy']).toBe(contentSecurityPolicy);
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['content-type']).toBe('text/javascript; charset=utf-8');
  });
});

describe('isAllowedNavigation', () => {
  it('allows our own bundle', () => {
    expect(isAllowedNavigation('app://bundle/index.html')).toBe(true);
    expect(isAllowedNavigation('app://bundle/index.html#/queue')).toBe(true);
    expect(isAllowedNavigation('app://bundle/queue?x=1')).toBe(true);
  });

  it.each([
    'http://evil.example',
    'https://evil.example/index.html',
    'file:///etc/passwd',
    'app://other/index.html',
    'app://bundle@evil.example/',
    'app://user:pass@bundle/index.html',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'about:blank',
    'devtools://devtools/bundled/inspector.html',
    'not a url',
    '',
  ])('refuses %s', (url) => {
    expect(isAllowedNavigation(url)).toBe(false);
  });

  it('with a file:// app URL allows only that very file', () => {
    const appUrl = 'file:///opt/rd/dist/renderer/index.html';
    expect(isAllowedNavigation('file:///opt/rd/dist/renderer/index.html#/queue', appUrl)).toBe(true);
    expect(isAllowedNavigation('file:///etc/passwd', appUrl)).toBe(false);
    expect(isAllowedNavigation('file:///opt/rd/dist/renderer/../../secret.html', appUrl)).toBe(false);
    expect(isAllowedNavigation('http://evil.example', appUrl)).toBe(false);
  });

  it('refuses everything when the app URL is neither app:// nor file://', () => {
    expect(isAllowedNavigation('http://127.0.0.1/', 'http://127.0.0.1/')).toBe(false);
  });
});

describe('validateIpcSender and refuseInvoke', () => {
  it('accepts only frames showing the bundle', () => {
    expect(validateIpcSender(APP_URL)).toBe(true);
    expect(validateIpcSender('app://bundle/index.html#/customer')).toBe(true);
    expect(validateIpcSender('https://evil.example/')).toBe(false);
    expect(validateIpcSender('file:///etc/passwd')).toBe(false);
    expect(validateIpcSender(null)).toBe(false);
    expect(validateIpcSender(undefined)).toBe(false);
    expect(validateIpcSender('')).toBe(false);
  });

  it('lets a contract operation from the main frame through', () => {
    expect(refuseInvoke({ url: APP_URL, isMainFrame: true }, 'app-info')).toBeNull();
  });

  it('refuses other frames, foreign pages and unknown names as error data', () => {
    expect(refuseInvoke({ url: APP_URL, isMainFrame: false }, 'app-info')?.code).toBe('forbidden');
    expect(refuseInvoke({ url: 'https://evil.example/', isMainFrame: true }, 'app-info')?.code).toBe('forbidden');
    expect(refuseInvoke({ url: null, isMainFrame: true }, 'app-info')?.code).toBe('forbidden');
    expect(refuseInvoke({ url: APP_URL, isMainFrame: true }, 'sql-exec')?.code).toBe('unknown-operation');
    expect(refuseInvoke({ url: APP_URL, isMainFrame: true }, 'toString')?.code).toBe('unknown-operation');
    expect(refuseInvoke({ url: APP_URL, isMainFrame: true }, 42)?.code).toBe('unknown-operation');
  });
});

describe('resolveBundlePath', () => {
  it('maps bundle URLs to files under the root', () => {
    expect(resolveBundlePath('app://bundle/index.html', root)).toBe(path.join(root, 'index.html'));
    expect(resolveBundlePath('app://bundle/', root)).toBe(path.join(root, 'index.html'));
    expect(resolveBundlePath('app://bundle', root)).toBe(path.join(root, 'index.html'));
    expect(resolveBundlePath('app://bundle/assets/index-abc.js?v=1#x', root)).toBe(path.join(root, 'assets', 'index-abc.js'));
    expect(resolveBundlePath('app://bundle/fonts/Noto%20Sans.woff2', root)).toBe(path.join(root, 'fonts', 'Noto Sans.woff2'));
  });

  it.each([
    'app://bundle/../../etc/passwd',
    'app://bundle/assets/../../../etc/passwd',
    'app://bundle/%2e%2e/%2e%2e/etc/passwd',
    'app://bundle/%2E%2E/%2E%2E/etc/passwd',
    'app://bundle/.%2e/etc/passwd',
    'app://bundle/..%2f..%2fetc%2fpasswd',
    'app://bundle/..%5c..%5cetc%5cpasswd',
    'app://bundle/..\\..\\etc\\passwd',
    'app://bundle/assets/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd',
    'app://bundle/%2fetc%2fpasswd',
    'app://bundle/C:%5cWindows%5cwin.ini',
    'app://bundle/index.html%00.png',
    'app://bundle/%E0%A4%A',
    'app://bundle/./index.html',
  ])('refuses %s', (url) => {
    expect(resolveBundlePath(url, root)).toBeNull();
  });

  it.each([
    'app://other/index.html',
    'app://bundle:8080/index.html',
    'app://user@bundle/index.html',
    'file:///etc/passwd',
    'https://bundle/index.html',
    'garbage',
  ])('refuses requests that are not for the bundle: %s', (url) => {
    expect(resolveBundlePath(url, root)).toBeNull();
  });

  it('never returns a path outside the root (fuzz over encoded dots and separators)', () => {
    const parts = ['..', '.', '%2e', '%2E%2e', '%2f', '%5c', '\\', '/', 'a', 'etc', 'passwd', '%00', ':'];
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let i = 0; i < 3000; i++) {
      const length = 1 + (next() % 8);
      let p = '';
      for (let j = 0; j < length; j++) p += parts[next() % parts.length];
      const resolved = resolveBundlePath(`app://bundle/${p}`, root);
      if (resolved !== null) {
        const rel = path.relative(root, resolved);
        expect(rel.startsWith('..') || path.isAbsolute(rel) || rel === '', `app://bundle/${p} → ${resolved}`).toBe(false);
      }
    }
  });
});

describe('bundle helpers', () => {
  it('knows the renderer build’s file types', () => {
    expect(mimeTypeFor('index.html')).toBe('text/html; charset=utf-8');
    expect(mimeTypeFor('a.CSS')).toBe('text/css; charset=utf-8');
    expect(mimeTypeFor('f.woff2')).toBe('font/woff2');
    expect(mimeTypeFor('x.unknown')).toBe('application/octet-stream');
  });

  it('falls back to index.html only for route-like paths', () => {
    expect(isSpaFallbackPath('app://bundle/queue')).toBe(true);
    expect(isSpaFallbackPath('app://bundle/customer/138')).toBe(true);
    expect(isSpaFallbackPath('app://bundle/assets/missing.js')).toBe(false);
  });
});

describe('window-free modules', () => {
  // vitest cannot load 'electron' here: requiring it starts the binary download. Type imports are erased.
  it.each(['electron/main/security.ts', 'electron/open-browser.ts', 'electron/preload/names.ts'])(
    '%s imports electron for types only',
    (file) => {
      const source = fs.readFileSync(path.resolve(__dirname, '../../..', file), 'utf8');
      const runtimeImports = source.match(/^import\s+(?!type\b)[^;]*from\s+['"]electron['"]/gm) ?? [];
      const requires = source.match(/require\(\s*['"]electron['"]\s*\)/g) ?? [];
      expect([...runtimeImports, ...requires]).toEqual([]);
    },
  );
});
