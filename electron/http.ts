import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { isOperationName, SECRET_HEADER, SESSION_HEADER } from '../core/api';
import type { Backend } from './backend/types';
import { contentSecurityPolicy } from './main/security';

/**
 * Browser mode (PRODUCT §9): the same backend over HTTP for a browser on this machine.
 * Listens on 127.0.0.1 only; every API call must carry the per-run secret; the Host header must name
 * the loopback address (defeats DNS rebinding) and a browser Origin must be our own (defeats other pages
 * on the machine posting to us). The renderer is served as static files with the same CSP as the desktop.
 */
export { SECRET_HEADER, SESSION_HEADER };
const MAX_BODY_BYTES = 8 * 1024 * 1024;
/** Work-list files: a 100,000-row, 40-column xlsx is about 30 MB; the importer has its own limits too. */
export const MAX_UPLOAD_BYTES = 256 * 1024 * 1024;
export const FILE_NAME_HEADER = 'x-file-name';

export interface HttpServerOptions {
  backend: Backend;
  port?: number;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  secret?: string;
}

export interface RunningHttpServer {
  url: string;
  /** The address to open: the URL with the secret in the fragment, where the page picks it up. */
  openUrl: string;
  port: number;
  secret: string;
  close(): Promise<void>;
}

const mimeTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.csv': 'text/csv; charset=utf-8',
};

export async function startHttpServer(opts: HttpServerOptions): Promise<RunningHttpServer> {
  const secret = opts.secret ?? crypto.randomBytes(24).toString('base64url');
  const secretBytes = Buffer.from(secret);
  const staticRoot = path.resolve(opts.staticDir);
  let port = 0;

  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const allowedOrigins = () => new Set([`http://127.0.0.1:${port}`, `http://localhost:${port}`]);

  const hasSecret = (req: http.IncomingMessage): boolean => {
    const given = req.headers[SECRET_HEADER];
    if (typeof given !== 'string') return false;
    const buf = Buffer.from(given);
    return buf.length === secretBytes.length && crypto.timingSafeEqual(buf, secretBytes);
  };

  const server = http.createServer((req, res) => {
    baseHeaders(res);
    if (!allowedHosts().has(req.headers.host ?? '')) return sendJson(res, 421, refusal('Host not allowed'));
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins().has(origin)) return sendJson(res, 403, refusal('Origin not allowed'));

    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname.startsWith('/api/')) {
      if (!hasSecret(req)) return sendJson(res, 401, { ok: false, error: { code: 'unauthenticated', message: 'Missing or wrong secret.' } });
      const name = url.pathname.slice('/api/'.length);
      if (name === 'events' && req.method === 'GET') return streamEvents(opts.backend, req, res);
      if (name === 'file-upload' && req.method === 'POST') return receiveUpload(opts.backend, req, res);
      if (name.startsWith('file-download/') && req.method === 'GET') return sendDownload(opts.backend, name.slice('file-download/'.length), res);
      if (req.method !== 'POST') return sendJson(res, 405, refusal('Use POST'));
      if (!isOperationName(name)) return sendJson(res, 404, { ok: false, error: { code: 'unknown-operation', message: `Unknown operation: ${name.slice(0, 80)}` } });
      if (!(req.headers['content-type'] ?? '').startsWith('application/json')) return sendJson(res, 415, refusal('Send JSON'));
      return void readBody(req)
        .then(async (body) => {
          let input: unknown;
          try {
            input = body.length ? JSON.parse(body.toString('utf8')) : {};
          } catch {
            return sendJson(res, 400, { ok: false, error: { code: 'invalid-input', message: 'The request body is not valid JSON.' } });
          }
          const session = req.headers[SESSION_HEADER];
          const result = await opts.backend.dispatchSession(typeof session === 'string' ? session : null, name, input);
          sendJson(res, 200, result);
        })
        .catch((e: unknown) => {
          const tooLarge = e instanceof BodyTooLarge;
          sendJson(res, tooLarge ? 413 : 500, { ok: false, error: { code: tooLarge ? 'too-large' : 'internal', message: String((e as Error).message ?? e) } });
        });
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, refusal('Method not allowed'));
    return serveStatic(staticRoot, url.pathname, res);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}/`;
  return {
    url,
    openUrl: `${url}#secret=${secret}`,
    port,
    secret,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function baseHeaders(res: http.ServerResponse): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
}

const refusal = (message: string) => ({ ok: false, error: { code: 'forbidden', message } });

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

class BodyTooLarge extends Error {
  constructor(limit: number) {
    super(`The file is larger than ${limit / 1024 / 1024} MB. / 文件超过 ${limit / 1024 / 1024} MB。`);
  }
}

/** Browser mode's stand-in for a file dialog: the page posts the chosen file's bytes, we stage them. */
function receiveUpload(backend: Backend, req: http.IncomingMessage, res: http.ServerResponse): void {
  let name = 'upload';
  try {
    name = decodeURIComponent(String(req.headers[FILE_NAME_HEADER] ?? 'upload'));
  } catch {
    // keep the neutral name
  }
  readBody(req, MAX_UPLOAD_BYTES)
    .then((body) => {
      const staged = backend.files.registerBytes(body, name);
      sendJson(res, 200, { ok: true, data: { token: staged.token, name: staged.name, size: staged.size } });
    })
    .catch((e: unknown) => {
      const tooLarge = e instanceof BodyTooLarge;
      sendJson(res, tooLarge ? 413 : 500, { ok: false, error: { code: tooLarge ? 'too-large' : 'internal', message: String((e as Error).message ?? e) } });
    });
}

function sendDownload(backend: Backend, token: string, res: http.ServerResponse): void {
  let file;
  try {
    file = backend.files.get(token);
  } catch {
    return sendJson(res, 404, { ok: false, error: { code: 'not-found', message: 'The file is no longer available.' } });
  }
  if (file.kind !== 'download') return sendJson(res, 403, refusal('Not a download'));
  res.writeHead(200, {
    'content-type': mimeTypes[path.extname(file.name).toLowerCase()] ?? 'application/octet-stream',
    'content-length': file.size,
    'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    'cache-control': 'no-store',
  });
  fs.createReadStream(file.path).pipe(res);
}

function readBody(req: http.IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new BodyTooLarge(limit));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function streamEvents(backend: Backend, req: http.IncomingMessage, res: http.ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
  res.write(': connected\n\n');
  const off = backend.onEvent((name, payload) => res.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`));
  const keepAlive = setInterval(() => res.write(': ping\n\n'), 25_000);
  req.on('close', () => {
    clearInterval(keepAlive);
    off();
  });
}

/** Resolves a URL path inside the static root; anything that would leave it (../, encoded or not) is refused. */
export function resolveStaticPath(staticDir: string, urlPath: string): string | null {
  const root = path.resolve(staticDir);
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const rel = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const full = path.resolve(root, rel);
  if (full !== root && !full.startsWith(root + path.sep)) return null;
  return full;
}

function serveStatic(root: string, urlPath: string, res: http.ServerResponse): void {
  const file = resolveStaticPath(root, urlPath);
  if (!file) return sendJson(res, 400, refusal('Bad path'));
  fs.stat(file, (err, st) => {
    // Unknown paths fall back to the app page: the renderer owns its routes.
    const target = !err && st.isFile() ? file : path.join(root, 'index.html');
    fs.readFile(target, (readErr, data) => {
      if (readErr) {
        res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' });
        res.end('The user interface has not been built. Run: npm run build');
        return;
      }
      const ext = path.extname(target);
      res.writeHead(200, {
        'content-type': mimeTypes[ext] ?? 'application/octet-stream',
        'content-security-policy': contentSecurityPolicy,
        'cache-control': ext === '.html' ? 'no-store' : 'public, max-age=31536000, immutable',
      });
      res.end(data);
    });
  });
}
