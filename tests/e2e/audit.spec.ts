import fs from 'node:fs';
import * as XLSX from 'xlsx';
import { expect, test } from './fixtures';
import { AppShell, AuditPage } from './pages';

/** docs/product.md §8: each reveal is written to an audit log a supervisor can read, filter and export. */
test.describe('audit log', () => {
  test('a reveal shows up under its action, and the export carries it', async ({ page, app }) => {
    // The supervisor reveals a customer's number and name, as the hall card's "show" button does.
    const [number] = app.demoNumbers(1);
    const revealed = await app.api<{ msisdn: string; name: string | null }>('customer-reveal', { msisdn: number });
    expect(revealed.msisdn).toBe(number);
    const masked = `${number!.slice(0, 3)}****${number!.slice(-4)}`;

    const shell = new AppShell(page);
    await shell.open(app.openUrl);
    const audit = new AuditPage(page);
    await audit.open();
    await audit.filterActions('customer-reveal');
    await expect(audit.rows.first()).toBeVisible();
    const actions = await audit.rows.evaluateAll((rows) => rows.map((r) => r.getAttribute('data-action')));
    expect(new Set(actions)).toEqual(new Set(['customer-reveal']));
    await audit.filterText(number!.slice(-4));
    const entry = audit.rows.filter({ hasText: masked }).first();
    await expect(entry).toContainText('S001');
    await expect(entry).toContainText('查看客户完整号码和姓名');
    // never the clear number on this page
    await expect(page.getByTestId('audit-page')).not.toContainText(number!);

    const file = await audit.export();
    const wb = XLSX.read(fs.readFileSync(file));
    const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(wb.Sheets[wb.SheetNames[0]!]!);
    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(rows.every((r) => r['操作代码'] === 'customer-reveal')).toBe(true);
    expect(rows).toContainEqual(expect.objectContaining({ 工号: 'S001', 操作: '查看客户完整号码和姓名', 对象: masked }));
    await expect(page.getByTestId('audit-exported')).toContainText('已筛选');
    // The banner follows a language switched afterwards (it stayed in Chinese on an English screen).
    await shell.switchLanguage('en');
    await expect(page.getByTestId('audit-exported')).toContainText('Exported');
    await shell.switchLanguage('zh-CN');

    // The export is itself in the log.
    await audit.filterText('');
    await page.getByRole('button', { name: /^(清除筛选|Clear filters)$/ }).first().click();
    await audit.filterActions('audit-export');
    await expect(audit.rows.first()).toHaveAttribute('data-action', 'audit-export');
  });
});
