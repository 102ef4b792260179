import fs from 'node:fs';
import path from 'node:path';
import * as XLSX from 'xlsx';
import { expect, serverOfItsOwn, test } from './fixtures';
import { AppShell, WorkListsPage } from './pages';

/** Five customers of a new weekly list, as the central side sends them. */
const listCsv = [
  '手机号码,客户姓名,套餐名称,当月ARPU,合约到期日',
  '19900000101,钱一,全球通畅享98,98,2026-12-20',
  '19900000102,孙二,全球通畅享128,128,2026-12-21',
  '19900000103,周三,动感地带28,28,2026-12-22',
  '19900000104,吴四,神州行,45,2026-12-23',
  '19900000105,郑五,全球通畅享98,99,2026-12-24',
  '',
].join('\r\n');

/**
 * Issue 6's journey, end to end on a workspace of its own: the supervisor imports a list and assigns it, two agents
 * work it (through the API, as their desks would), the dashboard shows the list's numbers and the weekly workbook
 * carries them.
 */
test.describe('supervisor journey', () => {
  // With the system's animations on, as most users have them (the config turns them off for the rest of the suite).
  test.use({ reducedMotion: 'no-preference' });
  const own = serverOfItsOwn('rd-e2e-journey-');

  test('import → assign → agents log → dashboard → weekly workbook', async ({ page }) => {
    const app = own.app;
    const file = path.join(own.dir, 'weekly-anomaly.csv');
    fs.writeFileSync(file, listCsv, 'utf8');
    const listName = `E2E 周异动 ${Date.now()}`;

    const shell = new AppShell(page);
    await shell.open(app.openUrl);
    await shell.goTo('lists');
    const lists = new WorkListsPage(page);
    await lists.settled();
    const dialog = await lists.openImport();
    await dialog.load(file);
    expect(await dialog.checkCounts()).toMatchObject({ valid: 5, rejected: 0 });
    await dialog.listNameInput.fill(listName);
    await dialog.submit();
    await dialog.finish();
    expect(await lists.counts(listName)).toEqual({ issued: 5, open: 5 });

    // Evenly between A001 and A002.
    await lists.row(listName).getByTestId('list-assign').click();
    for (const id of ['A003', 'A004', 'A005']) await page.getByRole('checkbox', { name: new RegExp(`^${id} `) }).uncheck();
    await page.getByTestId('assign-run').click();
    await expect(page.getByTestId('assign-result')).toContainText('5');
    await page.getByRole('button', { name: /^(关闭|Close)$/ }).click();

    // The agents work it (evenly by load: the less loaded agent may take more): one customer won back, one
    // "too expensive", one who did not answer.
    const listId = (await app.api<{ items: { id: number; name: string }[] }>('worklist-list')).items.find((l) => l.name === listName)!.id;
    const held: { agent: string; ref: string }[] = [];
    for (const agent of ['A001', 'A002']) {
      const q = await app.api<{ items: { taskId: number }[] }>('queue-list', { listId, limit: 10 }, { as: agent });
      for (const i of q.items) {
        const card = await app.api<{ customer: { ref: string } }>('customer-lookup', { taskId: i.taskId, channel: 'phone' }, { as: agent });
        held.push({ agent, ref: card.customer.ref });
      }
    }
    expect(held).toHaveLength(5);
    const offer = (await app.api<{ code: string; active: boolean }[]>('offer-list')).find((o) => o.active)!.code;
    const [won, lost, silent] = [held[0]!, held[1]!, held[2]!];
    await app.api('attempt-log', { ref: won.ref, channel: 'phone', disposition: 'accepted', offerCode: offer }, { as: won.agent });
    await app.api('attempt-log', { ref: lost.ref, channel: 'phone', disposition: 'declined', reason: 'price' }, { as: lost.agent });
    await app.api('attempt-log', { ref: silent.ref, channel: 'phone', disposition: 'no_answer' }, { as: silent.agent });

    // The dashboard of this week: issued 5, reached 2, success 1 for the list.
    await shell.goTo('dashboard');
    const row = page.locator(`[data-testid="dash-list-row"][data-list-id="${listId}"]`);
    await expect(row).toBeVisible();
    const cells = row.getByRole('cell');
    await expect(cells.nth(1)).toHaveText('5');
    await expect(cells.nth(2)).toHaveText('2');
    await expect(cells.nth(3)).toHaveText('1');
    await expect(cells.nth(4)).toHaveText(/^40(\.0)?%$/);

    // The weekly workbook says the same.
    await page.getByTestId('weekly-export').click();
    const download = page.waitForEvent('download');
    await page.getByTestId('weekly-export-run').click();
    const wb = XLSX.read(fs.readFileSync((await (await download).path())!));
    const byList = XLSX.utils.sheet_to_json<Record<string, unknown>>(wb.Sheets['按清单汇总']!, { raw: true });
    expect(byList.find((r) => r['清单名称'] === listName)).toMatchObject({ 下发: 5, 接通: 2, 成功: 1, 接通率: 0.4, 成功率: 0.2 });
    // One detail row per task of the list, each with its agent.
    const detail = XLSX.utils.sheet_to_json<Record<string, unknown>>(wb.Sheets['任务明细']!, { raw: true }).filter((r) => String(r['清单']).includes(listName));
    expect(detail).toHaveLength(5);
    // Each agent by id and name, as on the screen ("A001 王晓燕").
    expect(detail.map((r) => String(r['坐席']).split(' ')[0]).sort()).toEqual(held.map((h) => h.agent).sort());
    for (const r of detail) expect(String(r['坐席'])).toMatch(/^A\d{3} \S/u);
  });
});
