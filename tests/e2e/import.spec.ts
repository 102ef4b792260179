import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO_IMPORT_CUSTOMERS } from '../../core/demo/files';
import { demoWorkListSheet } from '../../core/demo/workbook';
import { writeWorkbook } from '../../core/exchange/write';
import { protectWorkbook } from '../../electron/backend/protected-files';
import type { Page } from '@playwright/test';
import { expect, serverOfItsOwn, test, type AppServer } from './fixtures';
import { AppShell, QueuePage, WorkListsPage } from './pages';

/**
 * A work list as the central side really sends them: a title row above the headers, headers with stray spaces
 * and full-width brackets, a UTF-8 BOM, a column nobody asked for, and one number that Excel turned into
 * 1.38888E+10 (its last digits are gone: that row must be rejected, not guessed).
 */
const messyCsv = [
  '\ufeff清单：11月合约到期维系（E2E）',
  ' 手机号码 ,客户姓名,套餐（名称）,当月ARPU,合约到期日,身份证号,备注',
  '19900000001,张三,全球通畅享98,98.5,2026-12-01,11010519491231002X,老客户',
  '1.38888E+10,李四,动感地带28,28,2026/12/15,,',
  '19900000002,王五,神州行,"1,234.5",45999,,',
  '19900000003,赵六,畅享128,abc,2026-13-40,,VIP',
  '',
].join('\r\n');

/** A supervisor signed in on the work lists page, once it has loaded. */
async function onTheListsPage(page: Page, app: AppServer): Promise<{ shell: AppShell; lists: WorkListsPage }> {
  const shell = new AppShell(page);
  await shell.open(app.openUrl);
  await shell.goTo('lists');
  const lists = new WorkListsPage(page);
  await lists.settled();
  return { shell, lists };
}

test.describe('work-list import through the UI', () => {
  let dir: string;
  test.beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rd-import-'));
  });
  test.afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('checks a messy file, imports the valid rows, shows the list and its tasks; the same file again changes nothing', async ({ page, app }) => {
    const file = path.join(dir, 'contract-expiring.csv');
    fs.writeFileSync(file, messyCsv, 'utf8');
    const listName = `E2E 合约到期 ${Date.now()}`;

    const { shell, lists } = await onTheListsPage(page, app);

    let dialog = await lists.openImport();
    await dialog.load(file);

    // The header sits on the second line (1-based), under the title row.
    await expect(dialog.headerRowInput).toHaveValue('2');
    expect(await dialog.target('A')).toBe('field:msisdn');
    expect(await dialog.how('A')).toBe('alias');
    await expect(dialog.mappingRows).toHaveCount(7);

    // One row rejected (lost digits), reported in the UI language with its row and column.
    expect(await dialog.checkCounts()).toMatchObject({ valid: 3, rejected: 1 });
    await expect(dialog.rejectedIssueRows).toHaveCount(1);
    await expect(dialog.rejectedIssueRows.first()).toHaveAttribute('data-code', 'msisdn.lost-digits');
    await expect(dialog.rejectedIssueRows.first()).toHaveAttribute('data-row', '4');
    await expect(dialog.rejectedIssueRows.first()).toContainText('科学计数法');
    await expect(dialog.downloadIssuesButton).toBeEnabled();

    // A changed mapping is re-checked: the remarks column is left out, the counts stay.
    await dialog.setTarget('G', /^(不导入|Ignore)$/);
    expect(await dialog.target('G')).toBe('ignore');
    expect(await dialog.checkCounts()).toMatchObject({ valid: 3, rejected: 1 });

    await dialog.listNameInput.fill(listName);
    await expect(dialog.importValidChoice).toBeChecked();
    await dialog.submit();
    const first = await dialog.resultCounts();
    expect(first).toMatchObject({ read: 4, imported: 3, rejected: 1 });
    expect(first.newTasks + first.joinedOpenTasks).toBe(3);
    await expect(dialog.unchangedNote).toHaveCount(0);
    await dialog.finish();

    // The list is there with its counts, and the workspace counts moved.
    await expect(lists.row(listName)).toHaveCount(1);
    expect(await lists.counts(listName)).toEqual({ issued: 3, open: 3 });

    // The supervisor gives its tasks to two of the agents.
    await lists.row(listName).getByTestId('list-assign').click();
    for (const id of ['A003', 'A004', 'A005']) await page.getByRole('checkbox', { name: new RegExp(`^${id} `) }).uncheck();
    // Before committing, the dialog shows who would get how many and their open load after (issue 15 #11).
    await expect(page.getByTestId('assign-preview-row')).toHaveCount(2);
    // A way that cannot run yet (the demo has no agent group) shows no preview left over from another way.
    await page.getByTestId('assign-mode-group').click();
    await expect(page.getByTestId('assign-preview')).toHaveCount(0);
    await page.getByTestId('assign-mode-evenly').click();
    await expect(page.getByTestId('assign-preview-row')).toHaveCount(2);
    await expect(page.getByTestId('assign-run')).toHaveText('分配 3 个任务');
    await page.getByTestId('assign-run').click();
    await expect(page.getByTestId('assign-result')).toContainText(/已分配 3 \/ 3/);
    // Evenly by load: only the chosen agents, the less loaded first.
    await expect(page.getByTestId('assign-result')).toContainText(/A00[12] \S+：3 个/);
    await expect(page.getByTestId('assign-result')).not.toContainText(/A00[3-5]/);
    await page.getByRole('button', { name: /^(关闭|Close)$/ }).click();

    // Its tasks are in the queue.
    await lists.viewTasks(listName);
    const queue = new QueuePage(page);
    await queue.settled();
    await expect(queue.rows).toHaveCount(3);
    await expect(queue.maskedNumber(0)).toHaveText(/^199\*{4}\d{4}$/);

    // The same file again, in English this time: the saved mapping is reused and nothing changes.
    await shell.switchLanguage('en');
    await shell.goTo('lists');
    dialog = await lists.openImport();
    await dialog.load(file);
    expect(await dialog.target('G')).toBe('ignore');
    await expect(dialog.rejectedIssueRows.first()).toContainText('Excel');
    // A list name the demo has with a period, and none given here: said before importing, with the period to use (a
    // file whose lists carried no period made a second list of every name, found by a supervisor).
    const existing = await app.api<{ items: { name: string; period: string | null }[] }>('worklist-list', {});
    const withPeriod = existing.items.find((l) => l.period)!;
    await dialog.listNameInput.fill(withPeriod.name);
    await dialog.root.getByTestId('list-period-input').fill('');
    await expect(dialog.root.getByTestId('import-same-list').first()).toHaveAttribute('data-kind', 'no-period');
    await dialog.root.getByTestId('import-use-period').first().click();
    await expect(dialog.root.getByTestId('list-period-input')).toHaveValue(withPeriod.period!);
    await expect(dialog.root.getByTestId('import-same-list').first()).toHaveAttribute('data-kind', 'same');
    await dialog.root.getByTestId('list-period-input').fill('');
    await dialog.listNameInput.fill(listName);
    // Said before importing (issue 15 #11): a list of this name and period exists, and this import updates it.
    await expect(dialog.root.getByTestId('import-same-list')).toHaveAttribute('data-kind', 'same');
    await expect(dialog.root.getByTestId('import-same-list')).toContainText('newer version');
    await dialog.submit();
    await expect(dialog.unchangedNote).toBeVisible();
    expect(await dialog.resultCounts()).toMatchObject({ newSubscribers: 0, newTasks: 0 });
    await dialog.finish();
    expect(await lists.counts(listName)).toEqual({ issued: 3, open: 3 });
  });

  test('a sheet with its header and no row under it (the blank template) says so, not “every row passed the check” (found by a new supervisor)', async ({ page, app }) => {
    const file = path.join(dir, 'headers-only.csv');
    fs.writeFileSync(file, '手机号码,姓名,套餐\n', 'utf8');
    const { lists } = await onTheListsPage(page, app);
    const dialog = await lists.openImport();
    await dialog.load(file);
    await expect(dialog.check.getByTestId('check-no-rows')).toHaveText('headers-only.csv：第 1 行的表头下面没有数据行，没有可导入的数据。');
    await expect(dialog.check).not.toContainText('所有行都通过了检查');
    await expect(dialog.submitButton).toBeDisabled();
  });

  test('a password-protected work list: its password is asked, a wrong one is said so, the right one opens it', async ({ page, app }) => {
    const sheet = demoWorkListSheet({ seed: 12, count: 5, today: '2026-11-23' });
    const file = path.join(dir, 'locked.xlsx');
    fs.writeFileSync(file, await protectWorkbook(writeWorkbook([{ name: '清单', header: sheet.header, rows: sheet.rows }], 'xlsx'), '维系2026'));

    const { lists } = await onTheListsPage(page, app);
    const dialog = await lists.openImport();
    await dialog.load(file);

    await expect(dialog.passwordInput).toBeVisible();
    await expect(dialog.passwordInput).not.toHaveAttribute('aria-invalid', 'true');
    await dialog.submitPassword('nope');
    // Asked again, saying the password did not open it.
    await expect(dialog.passwordInput).toHaveAttribute('aria-invalid', 'true', { timeout: 30_000 });
    await expect(dialog.root).toContainText(/密码不对|did not open/);
    await dialog.submitPassword('维系2026');
    await expect(dialog.check).toBeVisible({ timeout: 30_000 });
    expect((await dialog.checkCounts()).valid).toBe(5);
  });
});

/**
 * A supervisor trying the demo has no file from the central side: the templates menu hands over the demo's next work
 * list (core/demo/workbook.ts demoFileSheet) — on a workspace of its own, as its import updates 100 of the demo's
 * customers that other tests read.
 */
test.describe('the demo work list', () => {
  const own = serverOfItsOwn('rd-e2e-demo-list-');

  test('downloaded from the templates menu and imported: several lists in one sheet, its two mistakes at their rows, the rest imported', async ({ page }) => {
    const shell = new AppShell(page);
    await shell.open(own.app.openUrl);
    await shell.goTo('lists');
    const lists = new WorkListsPage(page);
    await lists.settled();
    const before = (await lists.names()).length;

    await page.getByRole('button', { name: /^(模板与目录|Templates)$/ }).click();
    const download = page.waitForEvent('download');
    await page.getByTestId('demo-file-worklist').click();
    expect((await download).suggestedFilename()).toMatch(/^演示工作清单-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const file = path.join(own.dir, (await download).suggestedFilename());
    await (await download).saveAs(file);

    const dialog = await lists.openImport();
    await dialog.load(file);
    expect(await dialog.checkCounts()).toMatchObject({ valid: DEMO_IMPORT_CUSTOMERS + 1, rejected: 1 });
    await expect(dialog.rejectedIssueRows.first()).toHaveAttribute('data-row', '14');
    await expect(dialog.severalListsNote).toBeVisible();
    await dialog.submit();
    expect(await dialog.resultCounts()).toMatchObject({ imported: DEMO_IMPORT_CUSTOMERS + 1, rejected: 1 });
    expect((await dialog.resultLists()).length).toBeGreaterThan(1);
    await dialog.finish();
    await expect.poll(async () => (await lists.names()).length).toBeGreaterThanOrEqual(before);
  });
});
