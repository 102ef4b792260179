import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { failedResult, isOperationName, SECRET_HEADER, SESSION_HEADER } from '../core/api';
import type { MessageCode } from '../core/i18n';
import { failure } from './backend/failure';
import { UPLOAD_QUOTA_FILES } from './backend/files';
import type { Backend } from './backend/types';
import { contentSecurityPolicy } from './main/security';

/**
 * Browser mode (docs/product.md §9): the same backend over HTTP for a browser on this machine.
 * Listens on 127.0.0.1 only; every API call must carry the per-run secret; the Host header must name
 * the loopback address (defeats DNS rebinding) and a browser Origin must be our own (defeats other pages
 * on the machine posting to us). The renderer is served as static files with the same CSP as the desktop.
 */
export { SECRET_HEADER, SESSION_HEADER };
const MAX_BODY_BYTES = 8 * 1024 * 1024;
/**
 * Work-list files: a 100,000-row, 47-column xlsx is about 30 MB, a million rows ~285 MB; the importer's own limit for a
 * plain xlsx is 1 GB (jobs/worklist-import.ts `importLimits`), which an upload may carry with room for the zip's slack.
 */
export const MAX_UPLOAD_BYTES = 1025 * 1024 * 1024;
export const FILE_NAME_HEADER = 'x-file-name';
/** The bytes one agent may have staged at once, in uploads of the largest size (issue 12 #8). */
export const UPLOAD_QUOTA_FACTOR = 4;

export interface HttpServerOptions {
  backend: Backend;
  port?: number;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  secret?: string;
  /** One upload's limit (MAX_UPLOAD_BYTES unless a test sets a small one); a session may stage UPLOAD_QUOTA_FACTOR of them. */
  maxUploadBytes?: number;
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
    if (!allowedHosts().has(req.headers.host ?? '')) return sendJson(res, 421, refusal('api.host-not-allowed'));
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedOrigins().has(origin)) return sendJson(res, 403, refusal('api.origin-not-allowed'));

    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.pathname.startsWith('/api/')) {
      if (!hasSecret(req)) return sendJson(res, 401, failedResult('unauthenticated', 'api.missing-secret'));
      const name = url.pathname.slice('/api/'.length);
      const sessionHeader = req.headers[SESSION_HEADER];
      const session = typeof sessionHeader === 'string' ? sessionHeader : null;
      // Events and files belong to sessions (issue 12 #5): the secret alone opens none of them.
      const fileRoute = (name === 'events' && req.method === 'GET') || (name === 'file-upload' && req.method === 'POST') || (name.startsWith('file-download/') && req.method === 'GET');
      if (fileRoute && !opts.backend.callerOf(session)) {
        return sendJson(res, 401, failedResult('unauthenticated', 'api.sign-in-first'));
      }
      if (name === 'events' && req.method === 'GET') return streamEvents(opts.backend, session!, req, res);
      if (name === 'file-upload' && req.method === 'POST') return receiveUpload(opts.backend, session!, req, res, opts.maxUploadBytes ?? MAX_UPLOAD_BYTES);
      if (name.startsWith('file-download/') && req.method === 'GET') return sendDownload(opts.backend, session!, name.slice('file-download/'.length), res);
      if (req.method !== 'POST') return sendJson(res, 405, refusal('api.use-post'));
      if (!isOperationName(name)) return sendJson(res, 404, failedResult('unknown-operation', 'api.unknown-operation', { name: name.slice(0, 80) }));
      if (!isJsonContentType(req.headers['content-type'])) return sendJson(res, 415, refusal('api.send-json'));
      return void readBody(req)
        .then(async (body) => {
          let input: unknown;
          try {
            input = body.length ? JSON.parse(body.toString('utf8')) : {};
          } catch {
            return sendJson(res, 400, failedResult('invalid-input', 'api.body-not-json'));
          }
          const result = await opts.backend.dispatchSession(session, name, input);
          sendJson(res, 200, result);
        })
        .catch((e: unknown) => refuseBody(req, res, e));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendJson(res, 405, refusal('api.method-not-allowed'));
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

const refusal = (messageKey: MessageCode) => failedResult('forbidden', messageKey);

/** `application/json`, with parameters (charset) or without, in any case; not `application/jsonp` or `…json-seq`. */
export function isJsonContentType(header: string | undefined): boolean {
  return (header ?? '').split(';')[0]!.trim().toLowerCase() === 'application/json';
}

/**
 * Answers a body that could not be read. A body over its limit gets its 413 before the connection closes: the
 * rest of the body is read and dropped (for a few seconds at most), since closing at once would reset the
 * connection while the client is still sending, and the client would see a broken connection instead.
 */
function refuseBody(req: http.IncomingMessage, res: http.ServerResponse, e: unknown): void {
  const tooLarge = e instanceof BodyTooLarge || e instanceof UploadQuotaFull;
  if (tooLarge) {
    res.setHeader('connection', 'close');
    req.resume();
    setTimeout(() => req.destroy(), 5_000).unref();
  }
  if (res.headersSent || res.destroyed) return;
  if (e instanceof UploadQuotaFull) sendJson(res, 413, failedResult('too-large', 'api.upload-quota', { limit: Math.round(e.limit / 1024 / 1024) }));
  else if (e instanceof BodyTooLarge) sendJson(res, 413, failedResult('too-large', 'api.upload-too-large', { limit: e.limit / 1024 / 1024 }));
  else sendJson(res, 500, failure(e));
}

/** The bytes one agent may have staged at once would be exceeded (`UPLOAD_QUOTA_FACTOR`). */
class UploadQuotaFull extends Error {
  constructor(readonly limit: number) {
    super(`The uploads staged would exceed ${limit / 1024 / 1024} MB.`);
  }
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
  res.end(text);
}

class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`The file is larger than ${limit / 1024 / 1024} MB.`);
  }
}

/**
 * Browser mode's stand-in for a file dialog: the page posts the chosen file's bytes, written to the staging folder as they
 * arrive (never held: a work list of a county's million is ~285 MB) and staged for the session once all are there.
 */
function receiveUpload(backend: Backend, session: string, req: http.IncomingMessage, res: http.ServerResponse, maxBytes: number): void {
  let name = 'upload';
  try {
    name = decodeURIComponent(String(req.headers[FILE_NAME_HEADER] ?? 'upload'));
  } catch {
    // keep the neutral name
  }
  const caller = backend.callerOf(session);
  if (!caller) return sendJson(res, 401, failedResult('unauthenticated', 'api.sign-in-first'));
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return refuseBody(req, res, new BodyTooLarge(maxBytes));
  const quota = new UploadQuotaFull(UPLOAD_QUOTA_FACTOR * maxBytes);
  const overQuota = (size: number): boolean => {
    const staged = backend.files.uploadsOf(caller.agentId);
    return staged.count >= UPLOAD_QUOTA_FILES || staged.bytes + size > quota.limit;
  };
  if (overQuota(Number.isFinite(declared) ? declared : 0)) return refuseBody(req, res, quota);
  const upload = backend.files.beginUpload(name, caller.agentId);
  writeBody(req, upload.path, maxBytes)
    .then((size) => {
      // Another upload of the same agent may have finished meanwhile.
      if (overQuota(size)) throw quota;
      const file = upload.keep(size);
      sendJson(res, 200, { ok: true, data: { token: file.token, name: file.name, size: file.size } });
    })
    .catch((e: unknown) => {
      upload.drop();
      refuseBody(req, res, e);
    });
}

/** The bytes of an upload written to `file` as they arrive, at most `limit` of them; resolves with their count once all are on disk. */
function writeBody(req: http.IncomingMessage, file: string, limit: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const out = fs.createWriteStream(file, { flags: 'wx', mode: 0o600 });
    let size = 0;
    let failed = false;
    // Rejected once the file is closed, so that the caller can delete it (Windows cannot delete an open file).
    const fail = (e: unknown) => {
      if (failed) return;
      failed = true;
      req.unpipe(out);
      if (out.closed) return reject(e);
      out.once('close', () => reject(e));
      out.destroy();
    };
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) fail(new BodyTooLarge(limit));
    });
    req.on('error', fail);
    req.on('close', () => {
      if (!req.complete) fail(new Error('the upload was cut off'));
    });
    out.on('error', fail);
    out.on('finish', () => {
      if (!failed) resolve(size);
    });
    req.pipe(out);
  });
}

/** A download of the session's own (or, for a supervisor, anyone's); removed once it has been sent. */
function sendDownload(backend: Backend, session: string, token: string, res: http.ServerResponse): void {
  let file;
  try {
    file = backend.filesFor(session)!.get(token);
  } catch {
    return sendJson(res, 404, failedResult('not-found', 'api.download-gone'));
  }
  if (file.kind !== 'download') return sendJson(res, 403, refusal('api.not-a-download'));
  res.writeHead(200, {
    'content-type': mimeTypes[path.extname(file.name).toLowerCase()] ?? 'application/octet-stream',
    'content-length': file.size,
    'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`,
    'cache-control': 'no-store',
  });
  // Out of the store before the first byte goes: the token works once (a download is removed after its fetch).
  const taken = backend.files.take(file.token);
  const stream = fs.createReadStream(taken.path);
  stream.on('close', () => backend.files.discard(taken));
  stream.pipe(res);
}

function readBody(req: http.IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      if (over) return; // the rest is dropped while the 413 goes out (refuseBody)
      size += c.length;
      if (size > limit) {
        over = true;
        chunks.length = 0;
        reject(new BodyTooLarge(limit));
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** The events this session may hear; the stream ends with the session (the page reconnects with its next one). */
function streamEvents(backend: Backend, session: string, req: http.IncomingMessage, res: http.ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
  res.write(': connected\n\n');
  const off = backend.onSessionEvent(
    session,
    (name, payload) => res.write(`event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`),
    () => res.end(),
  );
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
  if (!file) return sendJson(res, 400, refusal('api.bad-path'));
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
