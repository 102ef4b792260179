import fs from 'node:fs';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { ApiFailure, type ErrorCode } from '../../../core/api';
import type { ColumnMapping } from '../../../core/worklist/headers';
import type { RowResult } from '../../../core/worklist/rows';
import type { SheetDigestResult } from '../../../core/worklist/sheet-digest';
import type { IdentityKeyState } from '../identity-key';
import { ExchangeError, heapToRead, ScanRestart, type ReadOptions, type SheetInfo, type WorkbookRows } from '../../../core/exchange/read';
import type { ExchangeErrorCode } from '../../../core/exchange/read/errors';
import type { MessageCode, MessageParams } from '../../../core/i18n';
import type { FileSource } from '../file-source';
import { nodeBundlePath } from './worker-path';

/**
 * A work list read in a thread of its own while the job stores its rows (docs/import-memory.md "Reading beside
 * storing"). Reading a sheet (inflating, parsing its XML, the cells' values) and storing its rows each took about as
 * long as the other, one after the other in the job's thread; on these 2-core PCs the reader thread parses the next
 * rows while the job's thread checks and stores the last ones. The job's code is unchanged: `readAhead` gives the
 * same `WorkbookRows`, whose `scan` hands out the same rows in the same order, synchronously — a row is stored inside
 * the import's one transaction as it comes (better-sqlite3's transactions cannot wait for a promise), so the job's
 * thread takes each batch with `receiveMessageOnPort` and waits for the next with `Atomics.wait`.
 *
 * The reader thread opens the very file the job opened, through its descriptor (file-source.ts `descriptorSource`),
 * so a file replaced on disk meanwhile is still the one read.
 */

/** Files smaller than this are read in the job's own thread: starting a reader (~50 ms) costs more than it saves. */
export const READ_AHEAD_MIN_BYTES = 2 * 1024 * 1024;
/** Rows per message, and how many messages the reader may be ahead of the job: ~2,000 rows held between the two. */
export const BATCH_ROWS = 512;
export const BATCHES_AHEAD = 4;
/** A reader silent this long is taken for dead (it sends a batch every 512 rows, and one a few ms apart at most). */
const SILENCE_MS = 5 * 60_000;

/** The shared counters (Int32Array indexes). */
export const SIGNAL = {
  /** Messages the reader has sent, and the job has taken: the reader waits while it is BATCHES_AHEAD ahead. */
  sent: 0,
  taken: 1,
  /** Requests the job has sent: the reader waits for the next. */
  asked: 2,
  /** The scan the job has given up on (its caller threw): the reader stops it. */
  abandoned: 3,
} as const;

export interface ReaderData {
  fd: number;
  opts: ReadOptions;
  port: MessagePort;
  signals: SharedArrayBuffer;
}

/**
 * A work list's rows checked where they are read (`PreparingRows.scanPrepared`): each data row normalised as the job
 * would (core/worklist/rows.ts, identity numbers hashed with the workspace's key), and the sheet's digest for the plan of
 * its first rows checked against all of them.
 */
export interface PrepareSpec {
  /** The first data row (0-based); rows above it are only fed to the digest. */
  first: number;
  mapping: readonly ColumnMapping[];
  today: string;
  /** The key of identity numbers (absent: none are hashed, as for a preview). */
  identity?: IdentityKeyState;
  /** The sheet's digest, when the plan came from its first rows. */
  digest?: { headerRow: number | undefined; samples: number };
}

export type ReaderRequest = { op: 'scan'; id: number; sheet: string; rows: boolean; prepare?: PrepareSpec } | { op: 'other'; sheet: string } | { op: 'close' };

/** The reader's book as it stands: it turns to the whole readers when the scanner hands a sheet back. */
export interface ReaderState {
  engine: WorkbookRows['engine'];
  streaming: boolean;
}

export type ReaderFailure =
  | { kind: 'exchange'; code: ExchangeErrorCode; messageCode: MessageCode; params: Record<string, string | number>; detail?: string }
  | { kind: 'api'; code: ErrorCode; messageCode: MessageCode; params: MessageParams }
  | { kind: 'restart' }
  | { kind: 'other'; message: string };

export type ReaderMessage =
  | { type: 'opened'; format: WorkbookRows['format']; encoding?: WorkbookRows['encoding']; sheets: WorkbookRows['sheets']; state: ReaderState }
  | { type: 'rows'; id: number; rows: unknown[][]; indexes: number[] }
  | { type: 'prepared'; id: number; rows: RowResult[]; indexes: number[] }
  | { type: 'end'; id: number; info: SheetInfo; state: ReaderState; digest?: SheetDigestResult }
  | { type: 'other'; info: SheetInfo; state: ReaderState }
  | { type: 'failed'; id: number | null; failure: ReaderFailure; state?: ReaderState };

/** Readers started by this thread and not yet closed: a job's are closed when it ends (`closeReaders`). */
const readers = new Set<{ close(): void }>();

/** Closes every reader this thread started (jobs/worker.ts, when a job ends). */
export function closeReaders(): void {
  for (const r of readers) r.close();
}

/** A book read in its thread, which can also check a work list's rows where they are read. */
export interface PreparingRows extends WorkbookRows {
  /**
   * Hands each data row of the sheet (from `spec.first`) to `onRow` normalised; returns the sheet's info and, when asked, its digest. Throws as `scan` does.
   */
  scanPrepared(sheet: string, spec: PrepareSpec, onRow: (index: number, row: RowResult) => void): { info: SheetInfo; digest?: SheetDigestResult };
  /**
   * Ends the reader thread while the book streams, freeing what it holds (a million customers' shared strings) before
   * the job scores what it stored; a later call starts one again, which reads the file the same way.
   */
  release(): void;
}

/** A reader thread over the job's file: what it opened, and its side of the conversation. */
interface ReaderThread {
  opened: Extract<ReaderMessage, { type: 'opened' }>;
  ask(request: ReaderRequest): void;
  /** The reader's next message, waiting for it. */
  next(): ReaderMessage;
  /** The scan `id` given up on: the reader stops it at its next batch. */
  abandon(id: number): void;
  close(): void;
}

function startReader(file: FileSource, opts: ReadOptions, readerPath: string): ReaderThread {
  const { port1: port, port2 } = new MessageChannel();
  const signals = new SharedArrayBuffer(4 * 4);
  const signal = new Int32Array(signals);
  // The reader holds what reading takes (its shared strings, a chunk): capped as the job is (jobs/heap-limit.ts).
  const heap = heapToRead(file);
  const worker = new Worker(readerPath, {
    workerData: { fd: file.fd, opts, port: port2, signals } satisfies ReaderData,
    transferList: [port2],
    ...(heap !== null ? { resourceLimits: { maxOldGenerationSizeMb: Math.ceil(heap / 1024 / 1024), maxYoungGenerationSizeMb: 8 } } : {}),
  });
  worker.unref();
  let taken = 0;
  let closed = false;
  const ask = (request: ReaderRequest): void => {
    port.postMessage(request);
    Atomics.add(signal, SIGNAL.asked, 1);
    Atomics.notify(signal, SIGNAL.asked);
  };
  const thread: Omit<ReaderThread, 'opened'> = {
    ask,
    next() {
      let silentSince = Date.now();
      for (;;) {
        const got = receiveMessageOnPort(port);
        if (got) {
          taken++;
          Atomics.store(signal, SIGNAL.taken, taken);
          Atomics.notify(signal, SIGNAL.taken);
          return got.message as ReaderMessage;
        }
        if (Atomics.wait(signal, SIGNAL.sent, taken, 1000) === 'timed-out' && Atomics.load(signal, SIGNAL.sent) === taken) {
          if (Date.now() - silentSince > SILENCE_MS) {
            thread.close();
            // Silence means the thread is gone: the one way it ends without a word is running out of its memory.
            throw new ApiFailure('too-large', 'api.job-out-of-memory', { limit: heap === null ? 0 : Math.ceil(heap / 1024 / 1024) });
          }
        } else {
          silentSince = Date.now();
        }
      }
    },
    abandon(id) {
      Atomics.store(signal, SIGNAL.abandoned, id);
      Atomics.notify(signal, SIGNAL.taken);
    },
    close() {
      if (closed) return;
      closed = true;
      readers.delete(thread);
      ask({ op: 'close' });
      port.close();
      void worker.terminate();
    },
  };
  readers.add(thread);
  const opened = thread.next();
  if (opened.type !== 'opened') {
    thread.close();
    throw failureError(opened.type === 'failed' ? opened.failure : { kind: 'other', message: `unexpected ${opened.type}` });
  }
  return { ...thread, opened };
}

/**
 * The file's rows read in a thread of its own, when that pays: a plain xlsx (read as a stream) of at least
 * `minBytes`, and the reader's bundle built. Otherwise null: the caller reads in its own thread.
 */
export function readAhead(file: FileSource, opts: ReadOptions, minBytes: number = READ_AHEAD_MIN_BYTES, readerPath: string = nodeBundlePath('sheet-reader.cjs')): PreparingRows | null {
  if (file.length < minBytes || !fs.existsSync(readerPath)) return null;
  let thread: ReaderThread | null = startReader(file, opts, readerPath);
  const { opened } = thread;
  let state: ReaderState = opened.state;
  const live = (): ReaderThread => (thread ??= startReader(file, opts, readerPath));
  let scans = 0;

  /** One scan of a sheet, its rows to the caller as they come, batch by batch. */
  function run(
    sheet: string,
    to: { rows?: (values: unknown[], index: number) => void; prepared?: (index: number, row: RowResult) => void } | undefined,
    prepare?: PrepareSpec,
  ): { info: SheetInfo; digest?: SheetDigestResult } {
    const reader = live();
    const id = ++scans;
    reader.ask({ op: 'scan', id, sheet, rows: to !== undefined, ...(prepare ? { prepare } : {}) });
    for (;;) {
      const m = reader.next();
      if (m.type === 'other' || ('id' in m && m.id !== id)) continue; // left over from a scan given up on
      if (m.type === 'rows' || m.type === 'prepared') {
        try {
          if (m.type === 'rows') for (let i = 0; i < m.rows.length; i++) to!.rows!(m.rows[i]!, m.indexes[i]!);
          else for (let i = 0; i < m.rows.length; i++) to!.prepared!(m.indexes[i]!, m.rows[i]!);
        } catch (e) {
          // The caller's own answer (a cancel, enough rows): the reader stops this scan at its next batch.
          reader.abandon(id);
          throw e;
        }
      } else if (m.type === 'end') {
        state = m.state;
        return { info: m.info, ...(m.digest ? { digest: m.digest } : {}) };
      } else if (m.type === 'failed') {
        if (m.state) state = m.state;
        throw failureError(m.failure);
      }
    }
  }

  return {
    format: opened.format,
    ...(opened.encoding ? { encoding: opened.encoding } : {}),
    sheets: opened.sheets,
    get engine() {
      return state.engine;
    },
    get streaming() {
      return state.streaming;
    },
    otherSheet(sheet) {
      const reader = live();
      reader.ask({ op: 'other', sheet });
      for (;;) {
        const m = reader.next();
        if (m.type === 'other') {
          state = m.state;
          return m.info;
        }
        if (m.type === 'failed' && m.id === null) throw failureError(m.failure);
        // Anything else is left over from a scan the caller gave up on.
      }
    },
    scan(sheet, onRow) {
      return run(sheet, onRow === undefined ? undefined : { rows: onRow }).info;
    },
    scanPrepared(sheet, spec, onRow) {
      return run(sheet, { prepared: onRow }, spec);
    },
    release() {
      // A book turned to the whole readers keeps its thread: one started again would stream the sheet again.
      if (!state.streaming) return;
      thread?.close();
      thread = null;
    },
  };
}

/** The reader's failure, as the job's own reading would have thrown it. */
function failureError(f: ReaderFailure): Error {
  if (f.kind === 'exchange') return new ExchangeError(f.code, f.messageCode, f.params, f.detail);
  if (f.kind === 'restart') return new ScanRestart();
  if (f.kind === 'api') return new ApiFailure(f.code, f.messageCode, f.params);
  return new Error(`reading the file in its thread: ${f.message}`);
}
