import fs from 'node:fs';
import type { ByteSource } from '../../core/exchange/read';

/**
 * A file read a piece at a time, where the reader asks (core/exchange/read/bytes.ts `ByteSource`): the streaming
 * import reads a zip's directory and headers, then its sheet a chunk at a time, so a million-row workbook (200–300 MB)
 * is never held whole besides what reading it takes (docs/import-memory.md). Read through one descriptor opened at
 * the start: a file replaced on disk meanwhile is still read as it was. The job's worker closes what a job opened
 * (`closeFileSources`) — a worker thread's descriptors are the process's, not closed when the thread ends.
 */
export function openFileSource(filePath: string): FileSource {
  const fd = fs.openSync(filePath, 'r');
  open.add(fd);
  return {
    ...descriptorSource(fd),
    close() {
      if (open.delete(fd)) fs.closeSync(fd);
    },
  };
}

/** A file opened by `openFileSource`: also read, through the same descriptor, by a reader thread (read-ahead.ts). */
export type FileSource = ByteSource & { readonly fd: number; close(): void };

/**
 * The file behind a descriptor opened elsewhere in the process (a worker thread's descriptors are the process's):
 * the reader thread reads the very file the job opened, even when the path now names another. Not closed here.
 */
export function descriptorSource(fd: number): ByteSource & { readonly fd: number } {
  const length = fs.fstatSync(fd).size;
  let whole: Buffer | null = null;
  const readAt = (start: number, end: number): Buffer => {
    const from = Math.max(0, start);
    const to = Math.min(end, length);
    if (to <= from) return Buffer.alloc(0);
    const buf = Buffer.allocUnsafe(to - from);
    let done = 0;
    while (done < buf.length) {
      const n = fs.readSync(fd, buf, done, buf.length - done, from + done);
      if (n === 0) break;
      done += n;
    }
    return done === buf.length ? buf : buf.subarray(0, done);
  };
  return {
    fd,
    length,
    read: (start, end) => (whole ? whole.subarray(Math.max(0, start), Math.min(end, length)) : readAt(start, end)),
    // The whole readers (xls, ods, CSV, a sheet the streaming reader hands back) read it once, whole.
    whole: () => (whole ??= readAt(0, length)),
  };
}

const open = new Set<number>();

/** Closes every file opened by `openFileSource` in this thread. */
export function closeFileSources(): void {
  for (const fd of open) fs.closeSync(fd);
  open.clear();
}
