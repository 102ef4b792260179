import fs from 'node:fs';
import path from 'node:path';
import { buildOutcomeSheets } from '../../core/exchange/outcomes';
import { writeWorkbook } from '../../core/exchange/write';
import { expect, serverOfItsOwn, test } from './fixtures';
import { AppShell } from './pages';

/**
 * docs/product.md §7.1: a supervisor merges outcome files in the work lists page. A lift of 要求勿扰 made on another
 * desk comes with its file; a hand-edited file's problems are named by sheet, row and column, not only counted.
 * Merging changes the workspace, so the spec has one of its own.
 */
test.describe('merging outcome files', () => {
  const own = serverOfItsOwn('rd-e2e-merge-');

  test('a lift of 要求勿扰 from another desk’s file is taken; an edited file’s bad rows are listed where they are', async ({ page }) => {
    const app = own.app;
    type Card = { found: boolean; contactRefusedAt: string | null };
    const number = app.demoNumbers(3)[2]!;
    await app.api('attempt-log', { msisdn: number, channel: 'hall', disposition: 'do_not_call' }, { as: 'A001' });
    expect((await app.api<Card>('customer-lookup', { msisdn: number, channel: 'hall' }, { as: 'A001' })).contactRefusedAt).not.toBeNull();

    // The supervisor's desk where the customer came back and consented: its file carries the lift (S001 lifted it).
    const later = new Date(Date.now() + 60_000).toISOString();
    const liftFile = path.join(own.dir, '结果文件-主管台.xlsx');
    fs.writeFileSync(liftFile, writeWorkbook(buildOutcomeSheets({ tasks: [], attempts: [], feedback: [], notes: [], lifts: [{ msisdn: number, at: later, agentId: 'S001', reason: '客户来厅表示同意再联系' }] }, 'zh-CN'), 'xlsx'));
    // A file edited by hand: an outcome nobody can read, and a lift an agent "made".
    const editedFile = path.join(own.dir, '结果文件-改过.xlsx');
    fs.writeFileSync(
      editedFile,
      writeWorkbook(
        buildOutcomeSheets(
          {
            tasks: [],
            attempts: [{ id: 'edited-1', msisdn: number, agentId: 'A002', channel: 'phone', at: later, disposition: '打过了', reason: null, competitor: null, offerCode: null, callbackAt: null, note: null }],
            feedback: [],
            notes: [],
            lifts: [{ msisdn: app.demoNumbers(4)[3]!, at: later, agentId: 'A002', reason: null }],
          },
          'zh-CN',
        ),
        'xlsx',
      ),
    );

    const shell = new AppShell(page);
    await shell.open(app.openUrl, { as: 'S001' });
    await shell.goTo('lists');
    await page.getByRole('button', { name: '合并结果文件' }).click();
    const dialog = page.getByTestId('merge-outcomes-dialog');
    const chooser = page.waitForEvent('filechooser');
    await dialog.getByRole('button', { name: '添加文件…' }).click();
    await (await chooser).setFiles([liftFile, editedFile]);
    await dialog.getByRole('button', { name: /合并 2 个文件/ }).click();

    // Rows refused are said in the summary itself, which is then a warning, not a green "finished" (found by a new supervisor).
    await expect(dialog.getByTestId('merge-summary')).toHaveAttribute('data-severity', 'warning');
    // A comment in the dialog's markup showed on screen as text above the summary (found looking at this dialog).
    await expect(dialog).not.toContainText('//');
    await expect(dialog.getByTestId('merge-rejected')).toHaveText('有 1 行没有合并，见下方问题：改正后可以再合并这个文件（已合并的不会重复记录）。');
    await expect(dialog.getByTestId('merge-lifts')).toHaveText('按文件撤销了 1 位客户的“要求勿扰”。');
    await expect(dialog.getByTestId('merge-lifts-refused')).toHaveText('文件里有 1 条撤销“要求勿扰”没有采用：撤销人不是本工作区的主管（见下方问题）。');
    await expect(dialog.getByTestId('merge-file-row')).toHaveCount(2);
    // Only the edited file has problems, each in its sheet, row and column.
    const issues = dialog.getByTestId('merge-file-issues');
    await expect(issues).toHaveCount(1);
    await expect(issues).toContainText('结果文件-改过.xlsx：2 个问题');
    const rows = issues.getByTestId('issue-row');
    await expect(rows).toHaveCount(2);
    await expect(rows.nth(0)).toHaveAttribute('data-severity', 'error');
    await expect(rows.nth(0).getByTestId('issue-column')).toHaveText('接触记录 · H 列 · 结果代码');
    await expect(rows.nth(0).getByTestId('issue-message')).toHaveText('不认识的接触结果“打过了”，这一行无法合并');
    await expect(rows.nth(1)).toHaveAttribute('data-severity', 'warning');
    await expect(rows.nth(1).getByTestId('issue-column')).toHaveText('撤销勿扰 · 撤销人工号');
    await expect(rows.nth(1).getByTestId('issue-message')).toHaveText('撤销人“A002”不是本工作区的主管，未撤销这位客户的要求勿扰（只有主管可以撤销）');

    // The customer can be contacted again here, as on the desk that lifted it.
    expect((await app.api<Card>('customer-lookup', { msisdn: number, channel: 'hall' }, { as: 'A001' })).contactRefusedAt).toBeNull();
  });
});
