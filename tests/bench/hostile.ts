/**
 * Issue 12's figures for hostile workbooks (run by scripts/hostile-files.mjs, which also explains the modes):
 * peak memory and time of each reader on each hostile file, and the backend's longest wait for an answer to
 * another call while the file is read. Every measurement runs in a child process that the parent watches and
 * kills past a memory or time cap, so a reader that would take gigabytes is stopped, and reported as such.
 *
 *   make DIR                       writes the hostile files into DIR
 *   read FILE READER               reads FILE with READER (worklist | catalogue | outcomes) and prints the outcome
 *   backend FILE OP DB WORKER      starts OP (catalogue-import | worklist-import-preview | outcome-merge) on a
 *                                  backend over DB, calling app-info every 10 ms; prints 'tick' per answer
 */
import '../../electron/backend/sheetjs-node';
import fs from 'node:fs';
import path from 'node:path';
import { offerSheet, readCatalogueFile } from '../../core/exchange/catalogue';
import { readOutcomeSheets } from '../../core/exchange/outcomes';
import { readWorkbook } from '../../core/exchange/read';
import { writeWorkbook, type CellValue } from '../../core/exchange/write';
import { defaultOffers } from '../../core/offers/default-catalogue';
import { openBackend } from '../../electron/backend';
import { importLimits } from '../../electron/backend/jobs/worklist-import';
import { lyingSizeZip, manySheetsWorkbook } from '../support/hostile-files';

const [mode, ...args] = process.argv.slice(2);
const MB = 1024 * 1024;

function make(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  const workList = writeWorkbook(
    [{ name: '清单', header: ['手机号码', '姓名', '本月ARPU'], rows: Array.from({ length: 1000 }, (_, i) => [`1390013${String(i).padStart(4, '0')}`, `客户${i}`, i % 200]) }],
    'xlsx',
  );
  const sheet = offerSheet(defaultOffers);
  const offerRows = [...sheet.rows] as CellValue[][];
  const offers = writeWorkbook([sheet], 'xlsx');
  const bigOffers = writeWorkbook([{ ...sheet, rows: Array.from({ length: 30_000 }, (_, i) => offerRows[i % offerRows.length]!.map((v, c) => (c === 0 ? `P${i}` : v))) }], 'xlsx');
  const files: Record<string, Uint8Array> = {
    // Issue 12: 4 entries claiming 1,000 bytes, each inflating to 0.9 GB.
    'lying-4x0.9GB.xlsx': lyingSizeZip(workList, { entries: 4, inflatedBytes: Math.round(0.9 * 1024 * MB) }),
    // 2,000 sheet entries pointing at one 30,000-row sheet.
    'sheets-2000x30000.xlsx': manySheetsWorkbook(bigOffers, 2000),
    // A zip bomb under the catalogue's 10 MB: 9 entries × 0.9 GB.
    'catalogue-bomb-9x0.9GB.xlsx': lyingSizeZip(offers, { entries: 9, inflatedBytes: Math.round(0.9 * 1024 * MB) }),
  };
  for (const [name, bytes] of Object.entries(files)) {
    fs.writeFileSync(path.join(dir, name), bytes);
    console.log(`${name}: ${(bytes.length / MB).toFixed(2)} MB`);
  }
}

function read(file: string, reader: string): void {
  const bytes = fs.readFileSync(file);
  const t0 = performance.now();
  let outcome: string;
  try {
    if (reader === 'worklist') {
      const book = readWorkbook(bytes, importLimits);
      outcome = `read ${book.sheets.length} sheets`;
    } else if (reader === 'catalogue') {
      const r = readCatalogueFile(bytes, 'offers');
      outcome = r.ok ? `read ${r.rows.length} rows` : `refused ${r.code} ${JSON.stringify(r.params)}`;
    } else {
      outcome = `read ${readOutcomeSheets(bytes).sheets.length} sheets`;
    }
  } catch (e) {
    const x = e as { messageCode?: string; params?: unknown; message?: string };
    outcome = `refused ${x.messageCode ?? ''} ${x.params ? JSON.stringify(x.params) : ''} ${x.messageCode ? '' : x.message}`.trim();
  }
  console.log(JSON.stringify({ ms: Math.round(performance.now() - t0), outcome }));
}

async function backend(file: string, op: string, dbPath: string, workerPath: string): Promise<void> {
  const b = openBackend({ dbPath, workerPath });
  const token = b.files.registerBytes(fs.readFileSync(file), path.basename(file)).token;
  let finished = false;
  const tick = async (): Promise<void> => {
    while (!finished) {
      const r = await b.dispatch('app-info', {});
      if (!r.ok) throw new Error(r.error.message);
      process.stdout.write('tick\n');
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  const ticking = tick();
  // Give the ticker a head start: a call that blocks the thread shows up as the gap after it.
  await new Promise((resolve) => setTimeout(resolve, 100));
  const input = op === 'catalogue-import' ? { kind: 'offers', file: token } : op === 'outcome-merge' ? { files: [token] } : { file: token };
  const t0 = performance.now();
  const started = await b.dispatch(op as never, input);
  let outcome: string;
  if (!started.ok) outcome = `refused ${started.error.code}: ${started.error.message}`;
  else if (started.data && typeof started.data === 'object' && 'state' in started.data) {
    let job = started.data as { id: string; state: string; error?: { code: string; message: string } };
    while (job.state === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 20));
      const r = await b.dispatch('job-get', { jobId: job.id });
      job = r.ok ? (r.data as typeof job) : { ...job, state: 'lost' };
    }
    outcome = job.state === 'done' ? 'done' : `${job.state} ${job.error?.code}: ${job.error?.message}`;
  } else outcome = 'done';
  finished = true;
  await ticking;
  console.log(JSON.stringify({ ms: Math.round(performance.now() - t0), outcome }));
  b.close();
}

if (mode === 'make') make(args[0]!);
else if (mode === 'read') read(args[0]!, args[1]!);
else if (mode === 'backend') void backend(args[0]!, args[1]!, args[2]!, args[3]!).then(() => process.exit(0));
else {
  console.error('usage: make DIR | read FILE READER | backend FILE OP DB WORKER');
  process.exit(2);
}
