import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ApiFailure } from '../../core/api';
import { mayAccess } from './ownership';
import type { Caller } from './types';

/**
 * Files cross the contract as opaque tokens, never as paths the renderer chose: the backend reads only files
 * registered here (an upload in browser mode, a path picked in Electron's open dialog, a CLI argument) and
 * writes downloads only into its own staging folder. This is the allow-list for every file it touches.
 *
 * Every file belongs to the agent whose session registered it (`owner`; null for the CLI and the desktop's own
 * code, which act as the local supervisor). Handlers see the store through `forCaller`, which lets an agent use
 * only their own files and a supervisor any (issue 12: an agent fetched a supervisor's weekly workbook and
 * deleted a supervisor's download by token). Owned by the agent rather than the session: a person signed in in
 * two windows, or signed in again after the idle limit, still finds the export they started.
 */
export interface StagedFile {
  token: string;
  name: string;
  path: string;
  size: number;
  /** Downloads are removed after they are fetched or when the backend starts again. */
  kind: 'upload' | 'picked' | 'download';
  /** The agent id of the session that registered it; null for the local supervisor (CLI, desktop shell). */
  owner: string | null;
  /** When it was registered (ms since the epoch). */
  at: number;
}

/** What one caller may do with the store: the same operations, each limited to the files the caller may use. */
export interface CallerFiles {
  readonly stagingDir: string;
  registerPath(filePath: string): StagedFile;
  registerDownload(bytes: Uint8Array, name: string): StagedFile;
  reserveDownload(name: string): StagedFile;
  get(token: string): StagedFile;
  read(token: string): Uint8Array;
  release(token: string): void;
}

/**
 * Browser-mode uploads are kept until released or the backend stops; the renderer does not release them, so
 * an agent's uploads older than this are removed when they upload again (no import, merge or training keeps a
 * file open that long: the job reads it when it starts).
 */
export const UPLOAD_KEEP_MS = 60 * 60_000;
/** How many uploads one agent may have staged at once; their bytes are limited by the transport (a multiple of one file's limit). */
export const UPLOAD_QUOTA_FILES = 200;

export class FileStore {
  private readonly files = new Map<string, StagedFile>();

  constructor(readonly stagingDir: string) {
    // Anything staged by an earlier run is stale (and may hold personal data): clear it — this run's folder and
    // those of runs that are gone (a crash leaves its folder behind), but not a live process's (the CLI or a
    // second window may be working on the same workspace).
    fs.rmSync(stagingDir, { recursive: true, force: true });
    removeStaleStaging(path.dirname(stagingDir));
    fs.mkdirSync(stagingDir, { recursive: true, mode: 0o700 });
  }

  /** A file the user chose (CLI argument, Electron dialog): read in place, never written. */
  registerPath(filePath: string, owner: string | null = null): StagedFile {
    const full = path.resolve(filePath);
    const st = fs.statSync(full, { throwIfNoEntry: false });
    if (!st?.isFile()) throw new ApiFailure('not-found', 'api.file-not-found', { name: path.basename(full) });
    return this.add({ name: path.basename(full), path: full, size: st.size, kind: 'picked', owner });
  }

  /** Bytes uploaded by the browser: kept in the staging folder under a random name. */
  registerBytes(bytes: Uint8Array, name: string, owner: string | null = null): StagedFile {
    const upload = this.beginUpload(name, owner);
    fs.writeFileSync(upload.path, bytes, { mode: 0o600 });
    return upload.keep(bytes.length);
  }

  /**
   * An upload written to the staging folder as its bytes arrive (browser mode, electron/http.ts): a county's million in
   * one workbook is ~285 MB, not to be held in memory. `keep` registers it once every byte is there; `drop` deletes what
   * arrived of it.
   */
  beginUpload(name: string, owner: string | null): { path: string; keep(size: number): StagedFile; drop(): void } {
    const token = newToken();
    const full = path.join(this.stagingDir, `${token}.upload`);
    return {
      path: full,
      keep: (size) => this.add({ name: safeName(name), path: full, size, kind: 'upload', owner }, token),
      drop: () => fs.rmSync(full, { force: true }),
    };
  }

  /** A file the backend produced for the user to save (export, report, rejected rows). */
  registerDownload(bytes: Uint8Array, name: string, owner: string | null = null): StagedFile {
    const token = newToken();
    const full = path.join(this.stagingDir, `${token}.download`);
    fs.writeFileSync(full, bytes, { mode: 0o600 });
    return this.add({ name: safeName(name), path: full, size: bytes.length, kind: 'download', owner }, token);
  }

  /** A download a job will write later (in its worker): the path is fixed now, the bytes come with the job. */
  reserveDownload(name: string, owner: string | null = null): StagedFile {
    const token = newToken();
    return this.add({ name: safeName(name), path: path.join(this.stagingDir, `${token}.download`), size: 0, kind: 'download', owner }, token);
  }

  /** Any registered file, whoever owns it: for the trusted side (CLI, tests). Callers go through `forCaller`. */
  get(token: string): StagedFile {
    const f = this.files.get(token);
    if (!f) throw new ApiFailure('not-found', 'api.file-gone');
    if (f.kind === 'download' && f.size === 0) {
      const st = fs.statSync(f.path, { throwIfNoEntry: false });
      if (!st) throw new ApiFailure('not-found', 'api.file-not-ready');
      f.size = st.size;
    }
    return f;
  }

  read(token: string): Uint8Array {
    return fs.readFileSync(this.get(token).path);
  }

  /**
   * Takes a download out of the store as it is sent: a second fetch of the token finds nothing; the bytes are
   * deleted by `discard` once the sending is over.
   */
  take(token: string): StagedFile {
    const f = this.get(token);
    this.files.delete(token);
    return f;
  }

  /** Deletes a taken file's staged bytes. */
  discard(f: StagedFile): void {
    if (f.kind !== 'picked') fs.rmSync(f.path, { force: true });
  }

  release(token: string): void {
    const f = this.files.get(token);
    if (!f) return;
    this.files.delete(token);
    if (f.kind !== 'picked') fs.rmSync(f.path, { force: true });
  }

  /**
   * Uploads an agent has staged and not released: how many, and their bytes (the per-agent quota). Their uploads
   * older than UPLOAD_KEEP_MS are removed first.
   */
  uploadsOf(owner: string | null, now = Date.now()): { count: number; bytes: number } {
    let count = 0;
    let bytes = 0;
    for (const f of [...this.files.values()]) {
      if (f.kind === 'upload' && f.owner === owner) {
        if (now - f.at > UPLOAD_KEEP_MS) {
          this.release(f.token);
          continue;
        }
        count++;
        bytes += f.size;
      }
    }
    return { count, bytes };
  }

  /** The store as one caller sees it: an agent their own files, a supervisor (or the CLI) every file. */
  forCaller(caller: Caller): CallerFiles {
    const owner = caller.agentId;
    const check = (token: string): StagedFile => {
      const f = this.get(token);
      // Someone else's file is "not found": its token tells an agent nothing.
      if (!mayAccess(f.owner, caller)) throw new ApiFailure('not-found', 'api.file-gone');
      return f;
    };
    return {
      stagingDir: this.stagingDir,
      registerPath: (filePath) => this.registerPath(filePath, owner),
      registerDownload: (bytes, name) => this.registerDownload(bytes, name, owner),
      reserveDownload: (name) => this.reserveDownload(name, owner),
      get: check,
      read: (token) => fs.readFileSync(check(token).path),
      release: (token) => {
        if (this.files.has(token)) check(token);
        this.release(token);
      },
    };
  }

  /** Deletes every staged copy (uploads may hold personal data); picked files are left where they are. */
  clear(): void {
    this.files.clear();
    fs.rmSync(this.stagingDir, { recursive: true, force: true });
  }

  private add(f: Omit<StagedFile, 'token' | 'at'>, token = newToken()): StagedFile {
    const staged = { ...f, token, at: Date.now() };
    this.files.set(token, staged);
    return staged;
  }
}


const newToken = () => crypto.randomBytes(16).toString('base64url');

/** Staging folders are named by the process id that made them; those of processes no longer running go. */
function removeStaleStaging(root: string): void {
  let names: string[];
  try {
    names = fs.readdirSync(root);
  } catch {
    return;
  }
  for (const name of names) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    if (processAlive(Number(name))) continue;
    fs.rmSync(path.join(root, name), { recursive: true, force: true });
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A download name without folders or characters Windows refuses. */
export function safeName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? 'file';
  const cleaned = base.replace(/[<>:"|?*\x00-\x1f]/g, '_').trim();
  return cleaned.length ? cleaned.slice(0, 180) : 'file';
}
