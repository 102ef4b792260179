/**
 * A date cell is a calendar day: the same day whatever the machine's time zone. Besides the cases below, the
 * last test runs the date code in child processes under Asia/Shanghai, America/Los_Angeles and the
 * zones furthest from UTC that the Date-object rule covers (UTC+12, UTC−11) and compares; the whole file can also be run as `TZ=America/Los_Angeles npx vitest run <this file>`.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import {
  dayFromCivil,
  excelSerialToDay,
  excelSerialToIsoDate,
  isoFromDay,
  normalizeDateCell,
  plausibleDateRange,
} from '../../../core/worklist/cells';

const root = fileURLToPath(new URL('../../..', import.meta.url));

describe('Excel serials (1900 date system)', () => {
  it.each([
    [1, '1900-01-01'],
    [31, '1900-01-31'],
    [59, '1900-02-28'],
    // 60 is Excel's 29 February 1900, a day that never was.
    [61, '1900-03-01'],
    [62, '1900-03-02'],
    [366, '1900-12-31'],
    [25569, '1970-01-01'],
    [36526, '2000-01-01'],
    [45028, '2023-04-12'],
    [46349, '2026-11-23'],
    [46349.4375, '2026-11-23'], // 10:30 in the morning
    [46349.999988, '2026-11-23'], // 23:59:59 rounded to the second
    [46349.9999999, '2026-11-24'], // rounds up to midnight, as Excel shows it
    [2958465, '9999-12-31'],
  ])('%d → %s', (serial, iso) => {
    expect(excelSerialToIsoDate(serial)).toBe(iso);
  });

  it.each([0, 60, -1, 2958466, Number.NaN, Number.POSITIVE_INFINITY])('%d is no day', (serial) => {
    expect(excelSerialToDay(serial)).toBeNull();
  });

  it('counts every day once from 1900-03-01 on, and the 1904 system from 1904-01-01', () => {
    for (let serial = 61; serial < 80_000; serial += 97) {
      expect(excelSerialToDay(serial + 1)! - excelSerialToDay(serial)!).toBe(1);
    }
    expect(excelSerialToIsoDate(0, true)).toBe('1904-01-01');
    expect(excelSerialToIsoDate(44887, true)).toBe('2026-11-23');
    expect(excelSerialToIsoDate(-1, true)).toBeNull();
  });

  it('agrees with Date.UTC on every day from 1900-03-01 to 2100', () => {
    const start = dayFromCivil(1900, 3, 1);
    for (let day = start; day < dayFromCivil(2100, 1, 1); day += 1) {
      expect(isoFromDay(day)).toBe(new Date(day * 86_400_000).toISOString().slice(0, 10));
    }
  });
});

describe('normalizeDateCell', () => {
  it.each([
    ['2026-11-23', '2026-11-23'],
    ['2026/11/23', '2026-11-23'],
    ['2026.11.23', '2026-11-23'],
    ['20261123', '2026-11-23'],
    ['2026年11月23日', '2026-11-23'],
    ['2026 年 11 月 23 日', '2026-11-23'],
    ['2026年11月23号', '2026-11-23'],
    ['2026-11-23 10:30:00', '2026-11-23'],
    ['2026-11-23 23:59:59', '2026-11-23'],
    ['2026-11-23T10:30:00', '2026-11-23'],
    ['2026-11-23T23:30:00Z', '2026-11-23'],
    ['2026-11-23 0:00', '2026-11-23'],
    ['2026/1/5', '2026-01-05'],
    ['2026/1/5 9:00', '2026-01-05'],
    ['２０２６－１１－２３', '2026-11-23'],
    [' 2026-11-23 ', '2026-11-23'],
    ['23/11/2026', '2026-11-23'],
    ['11/23/2026', '2026-11-23'],
    ['5/5/2026', '2026-05-05'],
    ['46349', '2026-11-23'],
    [46349, '2026-11-23'],
    [46349.75, '2026-11-23'],
    [20261123, '2026-11-23'],
    ['2099-12-31', '2099-12-31'],
    ['2024-02-29', '2024-02-29'],
  ])('%j → %s', (input, expected) => {
    expect(normalizeDateCell(input)).toEqual({ ok: true, value: expected });
  });

  it.each(['', '  ', '-', 'NULL', '无', '#N/A', null, undefined])('%j is empty', (input) => {
    expect(normalizeDateCell(input)).toEqual({ ok: true, value: null });
  });

  it.each([
    ['2026-02-30', 'date.not-a-day'],
    ['2025-02-29', 'date.not-a-day'],
    ['2026-13-01', 'date.not-a-day'],
    ['20261332', 'date.not-a-day'],
    [60, 'date.not-a-day'],
    [0, 'date.not-a-day'],
    ['05/11/2026', 'date.ambiguous'],
    ['26-11-23', 'date.invalid'],
    ['下周一', 'date.invalid'],
    ['2026年11月', 'date.invalid'],
    [true, 'date.invalid'],
    ['#REF!', 'cell.excel-error'],
    // Small numbers in a date column are counts in the wrong column, not days in 1900.
    [45, 'date.out-of-range'],
    [61, 'date.out-of-range'],
    ['1900-03-01', 'date.out-of-range'],
    ['2300-01-01', 'date.out-of-range'],
  ])('%j is refused as %s', (input, code) => {
    expect(normalizeDateCell(input)).toMatchObject({ ok: false, code });
  });

  it('names the plausible range in the message parameters', () => {
    expect(normalizeDateCell(45)).toEqual({
      ok: false,
      code: 'date.out-of-range',
      params: { value: '45', min: plausibleDateRange.min, max: plausibleDateRange.max },
    });
  });

  it('takes a Date object as the day whose midnight it is nearest, in UTC or local time of any zone', () => {
    const day = Date.UTC(2026, 10, 23);
    // Local midnight of 2026-11-23 in UTC+8, UTC−8, UTC+12, UTC−11 and UTC itself.
    for (const offsetHours of [8, -8, 12, -11, 0]) {
      expect(normalizeDateCell(new Date(day - offsetHours * 3_600_000))).toEqual({ ok: true, value: '2026-11-23' });
    }
    expect(normalizeDateCell(new Date(Number.NaN))).toMatchObject({ ok: false, code: 'date.invalid' });
  });
});

describe('time zones', () => {
  it('gives the same days in Asia/Shanghai, America/Los_Angeles, Asia/Kamchatka and Pacific/Pago_Pago', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rd-tz-'));
    const entry = path.join(dir, 'entry.ts');
    fs.writeFileSync(
      entry,
      `import { normalizeDateCell } from ${JSON.stringify(path.join(root, 'core/worklist/cells'))};
       import { readWorkbook } from ${JSON.stringify(path.join(root, 'core/exchange/read'))};
       import fs from 'node:fs';
       const inputs = [1, 59, 61, 45028, 46349, 46349.9999, 46349.5, '2026-11-23', '2026/1/5 23:30', '2026-11-23T23:30:00Z',
         new Date(Date.UTC(2026, 10, 23)), new Date(2026, 10, 23)];
       const days = inputs.map((v) => normalizeDateCell(v));
       const fixtures = ['libreoffice.xlsx', 'libreoffice.xls', 'libreoffice.ods', 'openpyxl.xlsx'].map((f) => {
         const wb = readWorkbook(new Uint8Array(fs.readFileSync(${JSON.stringify(path.join(root, 'tests/fixtures/worklists'))} + '/' + f)),
           { maxBytes: 1e7, maxRows: 100, maxColumns: 100 });
         return wb.rows(wb.sheets[0].name).map((r) => [r[3], r[9], r[12]]);
       });
       process.stdout.write(JSON.stringify({ zone: new Date(2026, 0, 1).getTimezoneOffset(), days, fixtures }));`,
    );
    const outfile = path.join(dir, 'entry.cjs');
    buildSync({ entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'cjs', external: ['xlsx'], logLevel: 'silent' });
    const results = ['Asia/Shanghai', 'America/Los_Angeles', 'Asia/Kamchatka', 'Pacific/Pago_Pago'].map((tz) => {
      const r = spawnSync(process.execPath, [outfile], { env: { ...process.env, TZ: tz, NODE_PATH: path.join(root, 'node_modules') }, encoding: 'utf8' });
      expect(r.status, r.stderr).toBe(0);
      return JSON.parse(r.stdout) as { zone: number; days: unknown[]; fixtures: unknown[] };
    });
    fs.rmSync(dir, { recursive: true, force: true });
    // The zones really differed (−480, +480, −720, +660 minutes)…
    expect(new Set(results.map((r) => r.zone)).size).toBe(4);
    // …and the days did not.
    for (const r of results.slice(1)) {
      expect(r.days).toEqual(results[0]!.days);
      expect(r.fixtures).toEqual(results[0]!.fixtures);
    }
    expect(results[0]!.days.map((d) => (d as { value?: unknown }).value ?? (d as { code: string }).code)).toEqual([
      'date.out-of-range', 'date.out-of-range', 'date.out-of-range', '2023-04-12', '2026-11-23', '2026-11-23', '2026-11-23',
      '2026-11-23', '2026-01-05', '2026-11-23', '2026-11-23', '2026-11-23',
    ]);
  });
});
