import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ApiFailure } from '../../core/api';

/**
 * Files cross the contract as opaque tokens, never as paths the renderer chose: the backend reads only files
 * registered here (an upload in browser mode, a path picked in Electron's open dialog, a CLI argument) and
 * writes downloads only into its own staging folder. This is the allow-list for every file it touches.
 */
export interface StagedFile {
  token: string;
  name: string;
  path: string;
  size: number;
  /** Downloads are removed after they are fetched or when the backend starts again. */
  kind: 'upload' | 'picked' | 'download';
}

export class FileStore {
  private readonly files = new Map<string, StagedFile>();

  constructor(readonly stagingDir: string) {
    // Anything staged by an earlier run is stale (and may hold personal data): clear it.
    fs.rmSync(stagingDir, { recursive: true, force: true });
    fs.mkdirSync(stagingDir, { recursive: true });
  }

  /** A file the user chose (CLI argument, Electron dialog): read in place, never written. */
  registerPath(filePath: string): StagedFile {
    const full = path.resolve(filePath);
    const st = fs.statSync(full, { throwIfNoEntry: false });
    if (!st?.isFile()) throw new ApiFailure('not-found', `File not found: ${path.basename(full)}`);
    return this.add({ name: path.basename(full), path: full, size: st.size, kind: 'picked' });
  }

  /** Bytes uploaded by the browser: kept in the staging folder under a random name. */
  registerBytes(bytes: Uint8Array, name: string): StagedFile {
    const token = newToken();
    const full = path.join(this.stagingDir, `${token}.upload`);
    fs.writeFileSync(full, bytes, { mode: 0o600 });
    return this.add({ name: safeName(name), path: full, size: bytes.length, kind: 'upload' }, token);
  }

  /** A file the backend produced for the user to save (export, report, rejected rows). */
  registerDownload(bytes: Uint8Array, name: string): StagedFile {
    const token = newToken();
    const full = path.join(this.stagingDir, `${token}.download`);
    fs.writeFileSync(full, bytes, { mode: 0o600 });
    return this.add({ name: safeName(name), path: full, size: bytes.length, kind: 'download' }, token);
  }

  /** A download a job will write later (in its worker): the path is fixed now, the bytes come with the job. */
  reserveDownload(name: string): StagedFile {
    const token = newToken();
    return this.add({ name: safeName(name), path: path.join(this.stagingDir, `${token}.download`), size: 0, kind: 'download' }, token);
  }

  get(token: string): StagedFile {
    const f = this.files.get(token);
    if (!f) throw new ApiFailure('not-found', 'The file is no longer available; choose it again.');
    if (f.kind === 'download' && f.size === 0) {
      const st = fs.statSync(f.path, { throwIfNoEntry: false });
      if (!st) throw new ApiFailure('not-found', 'The file is not ready yet.');
      f.size = st.size;
    }
    return f;
  }

  read(token: string): Uint8Array {
    return fs.readFileSync(this.get(token).path);
  }

  release(token: string): void {
    const f = this.files.get(token);
    if (!f) return;
    this.files.delete(token);
    if (f.kind !== 'picked') fs.rmSync(f.path, { force: true });
  }

  /** Deletes every staged copy (uploads may hold personal data); picked files are left where they are. */
  clear(): void {
    this.files.clear();
    fs.rmSync(this.stagingDir, { recursive: true, force: true });
  }

  private add(f: Omit<StagedFile, 'token'>, token = newToken()): StagedFile {
    const staged = { ...f, token };
    this.files.set(token, staged);
    return staged;
  }
}

const newToken = () => crypto.randomBytes(16).toString('base64url');

/** A download name without folders or characters Windows refuses. */
export function safeName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? 'file';
  const cleaned = base.replace(/[<>:"|?*\x00-\x1f]/g, '_').trim();
  return cleaned.length ? cleaned.slice(0, 180) : 'file';
}
