import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCatalogueFile, templateSheets } from '../../../core/exchange/catalogue';
import { buildOutcomeSheets, parseOutcomeWorkbook, readOutcomeSheets, type OutcomeData } from '../../../core/exchange/outcomes';
import { readWorkbook } from '../../../core/exchange/read';
import { writeWorkbook } from '../../../core/exchange/write';

/**
 * Issue 18 #7: characters beyond U+FFFF — rare CJK in real names (𠮷), emoji in notes (😀) — survive every
 * reader path, whoever wrote the file. openpyxl writes them as numeric references (&#134071;), which a reader
 * must not cut to 16 bits.
 */
const python = ['/usr/bin/python3', 'python3'].find((p) => spawnSync(p, ['-c', 'import openpyxl']).status === 0);
if (!python) console.warn('astral: skipping the openpyxl-written files (apt-get install python3-openpyxl to run them)');

describe('characters beyond U+FFFF', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rd-astral-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const astral = ['𠮷野家', '好评😀', '𪚥𰻞'];

  /** A copy of `file` re-saved by openpyxl with `text` written into the given cells of the first sheet. */
  const resaved = (file: string, cells: Record<string, string>): Uint8Array => {
    const out = path.join(dir, `resaved-${path.basename(file)}`);
    const r = spawnSync(python!, ['-c', `
import openpyxl, json, sys
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.worksheets[0]
for ref, text in json.loads(sys.argv[3]).items(): ws[ref] = text
wb.save(sys.argv[2])`, file, out, JSON.stringify(cells)]);
    if (r.status !== 0) throw new Error(String(r.stderr));
    return new Uint8Array(fs.readFileSync(out));
  };

  it.skipIf(!python)('a work list re-saved by openpyxl', () => {
    const file = path.join(dir, 'list.xlsx');
    fs.writeFileSync(file, writeWorkbook([{ name: '清单', header: ['手机号码', '客户姓名', '备注'], rows: [['13812346886', '张三', '']] }], 'xlsx'));
    const book = readWorkbook(resaved(file, { B2: astral[0]!, C2: astral[1]! }), { maxBytes: 1e8, maxRows: 100, maxColumns: 50 });
    expect(book.rows(book.sheets[0]!.name)[1]).toEqual(['13812346886', astral[0], astral[1]]);
  });

  it.skipIf(!python)('a catalogue re-saved by openpyxl (the offer name and script)', () => {
    const file = path.join(dir, 'offers.xlsx');
    fs.writeFileSync(file, writeWorkbook(templateSheets('offers'), 'xlsx'));
    const r = readCatalogueFile(resaved(file, { B2: astral[2]!, F2: `您好${astral[1]}` }), 'offers');
    if (!r.ok) throw new Error(r.code);
    expect([r.rows[1]![1], r.rows[1]![5]]).toEqual([astral[2], `您好${astral[1]}`]);
  });

  it.skipIf(!python)('an outcome file re-saved by openpyxl: notes and feedback keep astral characters and CRLF line breaks', () => {
    const note = `客户${astral[0]}说：\r\n下周再联系${astral[1]}`;
    const data: OutcomeData = {
      tasks: [],
      attempts: [{ id: 'att-1', msisdn: '13800138000', agentId: 'A001', channel: 'phone', at: '2026-11-19T01:30:00.000Z', disposition: 'declined', reason: 'price', competitor: null, offerCode: null, callbackAt: null, note }],
      feedback: [{ id: 'fb-1', attemptId: 'att-1', msisdn: '13800138000', agentId: 'A001', category: 'network', importance: 'high', text: `地下室${astral[2]}没信号`, at: '2026-11-19T01:35:00.000Z' }],
      notes: [],
    };
    const file = path.join(dir, 'outcomes.xlsx');
    fs.writeFileSync(file, writeWorkbook(buildOutcomeSheets(data, 'zh-CN', { from: '2026-11-19', to: '2026-11-19', agentId: 'A001' }), 'xlsx'));
    const parsed = parseOutcomeWorkbook(readOutcomeSheets(resaved(file, {})).sheets);
    expect(parsed.issues).toEqual([]);
    expect(parsed.attempts[0]!.note).toBe(note);
    expect(parsed.feedback[0]!.text).toBe(data.feedback[0]!.text);
  });
});
