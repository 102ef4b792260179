import { heapToRead } from '../../../core/exchange/read';
import { openFileSource } from '../file-source';
import { isCompoundFile } from '../protected-files';

/** The jobs that read a work-list file through the streaming reader (worklist-import.ts `openBook`). */
const FILE_READING_JOBS = new Set(['worklist-preview', 'worklist-import']);

/**
 * The young generation (MB) of a worker whose old generation is capped (below): the import's thread takes every
 * checked row from the reader's as a fresh object, and with V8's own (up to 48 MB) the 100,000-row import peaked at
 * 341–408 MB resident, with 16 MB at 323–370 MB, as fast (docs/import-memory.md "Triggers and indexes set aside").
 */
export const CAPPED_YOUNG_GENERATION_MB = 16;

/**
 * The old-generation cap (MB) of a job's worker, or undefined for V8's own. A work list's preview and import get what
 * reading their file takes (core/exchange/read `heapToRead`): V8 then collects before dead objects pile up — a
 * million-row import peaked at 1.0–1.16 GB resident without, 0.71–0.76 GB with (docs/import-memory.md). Only a plain
 * xlsx, streamed from disk, gets one; a file read whole, or one this side cannot judge (gone, encrypted), gets V8's own
 * limit and the job says what is wrong with it. Going past the cap stops the job with
 * `api.job-out-of-memory` (runner.ts), its transaction rolled back.
 */
export function workerHeapLimitMb(kind: string, payload: unknown): number | undefined {
  const filePath = (payload as { filePath?: unknown } | null)?.filePath;
  if (!FILE_READING_JOBS.has(kind) || typeof filePath !== 'string') return undefined;
  let file: ReturnType<typeof openFileSource>;
  try {
    file = openFileSource(filePath);
  } catch {
    return undefined;
  }
  try {
    if (isCompoundFile(file.read(0, 8))) return undefined;
    const bytes = heapToRead(file);
    return bytes === null ? undefined : Math.ceil(bytes / 1024 / 1024);
  } catch {
    return undefined;
  } finally {
    file.close();
  }
}
