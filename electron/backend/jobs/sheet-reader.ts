import '../sheetjs-node';
import { receiveMessageOnPort, workerData } from 'node:worker_threads';
import { ExchangeError, openWorkbookRows, ScanRestart, type WorkbookRows } from '../../../core/exchange/read';
import { ApiFailure } from '../../../core/api';
import type { RowResult } from '../../../core/worklist/rows';
import { SheetDigest } from '../../../core/worklist/sheet-digest';
import { descriptorSource } from '../file-source';
import { keyHasher } from '../identity-hash';
import { BATCH_ROWS, BATCHES_AHEAD, SIGNAL, type PrepareSpec, type ReaderData, type ReaderFailure, type ReaderMessage, type ReaderRequest, type ReaderState } from './read-ahead';
import { listRowNormalizer } from './list-rows';

/**
 * Entry point of the reader thread (bundled as dist/node/sheet-reader.cjs; jobs/read-ahead.ts starts it): opens the
 * job's file through its descriptor, then reads the sheets the job asks for, sending their rows in batches and staying
 * at most BATCHES_AHEAD batches ahead of the job.
 */
const data = workerData as ReaderData;
const signal = new Int32Array(data.signals);
let sent = 0;

function send(m: ReaderMessage): void {
  data.port.postMessage(m);
  sent++;
  Atomics.store(signal, SIGNAL.sent, sent);
  Atomics.notify(signal, SIGNAL.sent);
}

/** Thrown out of a scan the job gave up on. */
const ABANDONED = Symbol('abandoned');
let asked = 0;

function nextRequest(): ReaderRequest {
  for (;;) {
    const got = receiveMessageOnPort(data.port);
    if (got) {
      asked++;
      return got.message as ReaderRequest;
    }
    // In slices, so that a terminate between them is heard.
    Atomics.wait(signal, SIGNAL.asked, asked, 200);
  }
}

const stateOf = (book: WorkbookRows): ReaderState => ({ engine: book.engine, streaming: book.streaming });

function failureOf(e: unknown): ReaderFailure {
  if (e instanceof ExchangeError) return { kind: 'exchange', code: e.code, messageCode: e.messageCode, params: e.params, ...(e.detail ? { detail: e.detail } : {}) };
  if (e instanceof ApiFailure) return { kind: 'api', code: e.code, messageCode: e.messageKey, params: e.params };
  if (e instanceof ScanRestart) return { kind: 'restart' };
  return { kind: 'other', message: e instanceof Error ? e.message : String(e) };
}

function scan(book: WorkbookRows, id: number, sheet: string, wantRows: boolean, prepare?: PrepareSpec): void {
  let rows: unknown[][] = [];
  let prepared: RowResult[] = [];
  let indexes: number[] = [];
  const normalize = prepare ? listRowNormalizer(prepare.mapping, prepare.today, prepare.identity, keyHasher) : null;
  const digest = prepare?.digest ? new SheetDigest(prepare.digest.headerRow, prepare.digest.samples) : null;
  const flush = () => {
    if (prepare) send({ type: 'prepared', id, rows: prepared, indexes });
    else send({ type: 'rows', id, rows, indexes });
    rows = [];
    prepared = [];
    indexes = [];
    for (;;) {
      if (Atomics.load(signal, SIGNAL.abandoned) === id) throw ABANDONED;
      const taken = Atomics.load(signal, SIGNAL.taken);
      if (sent - taken < BATCHES_AHEAD) return;
      Atomics.wait(signal, SIGNAL.taken, taken, 200);
    }
  };
  try {
    const info = book.scan(
      sheet,
      normalize
        ? (values, index) => {
            digest?.add(values, index);
            if (index < prepare!.first) return;
            const r = normalize(values, index + 1);
            prepared.push(r);
            indexes.push(index);
            if (prepared.length === BATCH_ROWS) flush();
          }
        : wantRows
          ? (values, index) => {
              rows.push(values);
              indexes.push(index);
              if (rows.length === BATCH_ROWS) flush();
            }
          : undefined,
    );
    if (rows.length > 0 || prepared.length > 0) flush();
    send({ type: 'end', id, info, state: stateOf(book), ...(digest ? { digest: digest.result(info.rowCount) } : {}) });
  } catch (e) {
    if (e !== ABANDONED) send({ type: 'failed', id, failure: failureOf(e), state: stateOf(book) });
  }
}

function serve(): void {
  let book: WorkbookRows;
  try {
    book = openWorkbookRows(descriptorSource(data.fd), data.opts);
  } catch (e) {
    send({ type: 'failed', id: null, failure: failureOf(e) });
    return;
  }
  send({ type: 'opened', format: book.format, ...(book.encoding ? { encoding: book.encoding } : {}), sheets: book.sheets, state: stateOf(book) });
  for (;;) {
    const request = nextRequest();
    if (request.op === 'close') return;
    if (request.op === 'scan') scan(book, request.id, request.sheet, request.rows, request.prepare);
    else {
      try {
        send({ type: 'other', info: book.otherSheet(request.sheet), state: stateOf(book) });
      } catch (e) {
        send({ type: 'failed', id: null, failure: failureOf(e) });
      }
    }
  }
}

serve();
data.port.close();
