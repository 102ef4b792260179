import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { issuesWorkbook } from '../../../electron/backend/handlers/worklist';

/** The problem rows' workbook a supervisor downloads from the import check (docs/product.md §3.1 "Validation"). */
describe('the import’s problem rows workbook', () => {
  const severities = (locale: 'zh-CN' | 'en') => {
    const book = XLSX.read(
      issuesWorkbook(
        [
          { row: 3, columnLetter: 'A', column: '手机号码', field: 'msisdn', severity: 'error', code: 'row.msisdn-invalid', params: { value: '12345' }, value: '12345' },
          { row: 5, columnLetter: 'A', column: '手机号码', field: 'msisdn', severity: 'warning', code: 'row.duplicate-msisdn', params: { first: 2 }, value: '13812350001' },
        ],
        locale,
      ),
    );
    const rows = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets[book.SheetNames[0]!]!, { header: 1 });
    return rows.slice(1).map((r) => r[3]);
  };

  it('names a warning a warning: a repeated number keeps its value, so it is not “value left empty” (found by a new supervisor)', () => {
    expect(severities('zh-CN')).toEqual(['整行未导入', '警告']);
    expect(severities('en')).toEqual(['Row rejected', 'Warning']);
  });
});
