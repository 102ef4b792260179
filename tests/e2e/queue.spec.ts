import { expect, test } from './fixtures';
import { AppShell, HallPage, QueuePage } from './pages';

test.describe('queue of the demo lists', () => {
  test('shows open tasks in priority order, pages through them and filters by list and status', async ({ page, app }) => {
    const shell = new AppShell(page);
    await shell.open(app.openUrl);
    await shell.goTo('queue');
    const queue = new QueuePage(page);
    await queue.settled();

    const api = await app.api<{ total: number; items: { taskId: number }[] }>('queue-list', { offset: 0, limit: 50 });
    await expect(queue.rows).toHaveCount(Math.min(50, api.total));
    expect(await queue.taskId(0)).toBe(api.items[0]!.taskId);
    for (const s of await queue.statuses()) expect(['pending', 'in_progress', 'callback_due']).toContain(s);
    await expect(queue.maskedNumber(0)).toHaveText(/^1\d\d\*{4}\d{4}$/);
    // Why a row sits where it does names the P it ranks by: without a model, the churn weight of the level shown.
    const levelWords: Record<string, string> = { high: '高危', medium: '中危', low: '低危', stable: '稳定' };
    const levels = await queue.levels();
    let callable = 0;
    for (let i = 0; i < 10; i++) {
      const why = queue.row(i).getByTestId('row-why');
      if ((await why.getAttribute('data-part')) !== 'callable') continue;
      await expect(why.getByTestId('row-why-main')).toHaveText(new RegExp(`^${levelWords[levels[i]!]} \\d+% × [\\d,]+ 元$`));
      callable++;
    }
    expect(callable).toBeGreaterThan(0);

    await queue.nextPage();
    expect(await queue.taskId(0)).not.toBe(api.items[0]!.taskId);

    const lists = await app.api<{ items: { id: number; name: string; type: string }[] }>('worklist-list');
    const list = lists.items[0]!;
    await queue.filterByList(list.name);
    const count = await queue.rows.count();
    expect(count).toBeGreaterThan(0);
    for (let i = 0; i < Math.min(count, 10); i++) expect(await queue.listTypes(i)).toContain(list.type);

    await queue.filterByList(null);
    await queue.filterByStatus('closed_success');
    const statuses = await queue.statuses();
    expect(statuses.length).toBeGreaterThan(0);
    expect(new Set(statuses)).toEqual(new Set(['closed_success']));
  });

  test('↑ and ↓ move between the queue’s rows and Enter opens the one with the focus (found by a new agent working by keyboard)', async ({ page, app }) => {
    const shell = new AppShell(page);
    await shell.open(app.openUrl, { as: 'A004' });
    await shell.goTo('queue');
    const queue = new QueuePage(page);
    await queue.settled();
    const third = await queue.taskId(2);
    await queue.row(0).focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowDown');
    await expect(queue.row(2)).toBeFocused();
    await page.keyboard.press('Enter');
    await expect.poll(() => queue.previewTaskId()).toBe(third);
  });

  test('a task opened from the queue gives its outcome panel the focus, as the hall’s card does: Tab from the keys reaches the call-back time (found by a new phone agent: the focus stayed on the sidebar’s 任务队列 or fell to the page, and the time was 25 Tabs away)', async ({ page, app }) => {
    const shell = new AppShell(page);
    await shell.open(app.openUrl, { as: 'A005' });
    await shell.goTo('queue');
    const queue = new QueuePage(page);
    await queue.settled();
    const hall = new HallPage(page);
    // J from the list, the sidebar's link still focused from the click that opened the queue.
    await page.keyboard.press('j');
    await queue.previewOf(await queue.previewTaskId());
    await expect(hall.logPanel).toBeFocused();
    // 3 asks for the time; the keys and the panel's buttons come before it, nothing of the page above the panel.
    await page.keyboard.press('3');
    await expect(hall.callbackInput).toBeVisible();
    let tabs = 0;
    while ((await hall.callbackInput.locator(':focus').count()) === 0) {
      await page.keyboard.press('Tab');
      expect(++tabs, 'Tabs from the panel to the call-back time').toBeLessThanOrEqual(20);
    }
    await hall.logPanel.focus(); // Esc in the time field stays there
    await page.keyboard.press('Escape');
    // A row opened with Enter: the row goes with the list, the focus goes to the panel, not to the page.
    await queue.backToQueue.click();
    await queue.settled();
    const second = await queue.taskId(1);
    await queue.row(1).focus();
    await page.keyboard.press('Enter');
    await queue.previewOf(second);
    await expect(hall.logPanel).toBeFocused();
  });

  test('on the queue’s list ? lists the list’s keys, ↓ reaches the first row from anywhere, and J starts with the next task, as its button does (found by a new agent: ? did nothing there)', async ({ page, app }) => {
    const shell = new AppShell(page);
    await shell.open(app.openUrl, { as: 'A004' });
    await shell.goTo('queue');
    const queue = new QueuePage(page);
    await queue.settled();
    await page.keyboard.press('?');
    const help = page.getByTestId('shortcuts-dialog');
    await expect(help).toBeVisible();
    await expect(help).toContainText('↑ ↓');
    await expect(help).toContainText('开始处理下一个可呼任务');
    await expect(help).not.toContainText('查询并打开客户卡片');
    await page.keyboard.press('?');
    await expect(help).toBeHidden();
    await page.keyboard.press('ArrowDown');
    await expect(queue.row(0)).toBeFocused();
    await page.keyboard.press('j');
    const byKey = await queue.previewTaskId();
    // Keys rest while the card loads (a slower machine had its Esc dropped): back once it is there.
    await queue.previewOf(byKey);
    await page.keyboard.press('Escape');
    await queue.settled();
    expect(await queue.startNextCard()).toBe(byKey);
  });

  test('a later page with nothing callable says the callable tasks come first and leads back to page 1 (page 2 read as the whole queue; found by a new phone agent)', async ({ page, app }) => {
    const shell = new AppShell(page);
    await shell.open(app.openUrl);
    await shell.goTo('queue');
    const queue = new QueuePage(page);
    await queue.settled();
    await queue.lastPageButton.click();
    await queue.settled();
    const none = page.getByTestId('queue-none-callable');
    await expect(none).toContainText('队列把能呼的任务排在前面。');
    // A task whose wait lifts only after its due date says so there: it will expire uncalled (found by a new phone agent).
    // One lifting two days or more after its due date is late in any time zone; found through the API, opened on its page.
    type Row = { taskId: number; dueDate: string | null; contact: { allowed: boolean; nextAllowedAt: string | null } };
    const lateBy2 = (i: Row) => !i.contact.allowed && i.contact.nextAllowedAt !== null && i.dueDate !== null && Date.parse(i.contact.nextAllowedAt) - Date.parse(`${i.dueDate}T23:59:59Z`) > 86_400_000;
    let lateAt = -1;
    let late: Row | undefined;
    for (let offset = 0; lateAt < 0; offset += 500) {
      const page500 = await app.api<{ total: number; items: Row[] }>('queue-list', { offset, limit: 500 });
      const i = page500.items.findIndex(lateBy2);
      if (i >= 0) [lateAt, late] = [offset + i, page500.items[i]];
      if (offset + 500 >= page500.total) break;
    }
    expect(lateAt, 'the demo has a task that cannot be called before its due date').toBeGreaterThanOrEqual(0);
    await none.getByTestId('queue-to-first-page').click();
    await queue.settled();
    await expect(queue.range).toContainText(/^第 1–/);
    await expect(queue.startNext).toBeEnabled();
    for (let p = 0; p < Math.floor(lateAt / 50); p++) await queue.nextPage();
    await expect(queue.rowOfTask(late!.taskId).getByTestId('row-after-due')).toHaveText('截止前不能呼');
  });

  test('the next person to sign in at the PC sees the whole queue, not the filters the last one left', async ({ page, app }) => {
    const shell = new AppShell(page);
    await shell.open(app.openUrl);
    await shell.goTo('queue');
    const queue = new QueuePage(page);
    await queue.settled();
    const whole = await queue.total.innerText();
    await queue.filterByStatus('pending');
    await expect(queue.total).not.toHaveText(whole);
    await shell.signOut();
    await shell.signIn('S001', '123456');
    await shell.goTo('queue');
    await queue.settled();
    await expect(queue.total).toHaveText(whole);
    await expect(queue.clearFiltersButton).toHaveCount(0);
  });

  test('an agent’s queue has no agent column (only their own tasks are in it), and its list chips read in full in English', async ({ page, app }) => {
    const shell = new AppShell(page);
    await shell.open(app.openUrl, { as: 'A001' });
    await shell.switchLanguage('en');
    await shell.goTo('queue');
    const queue = new QueuePage(page);
    await queue.settled();
    await expect(page.getByRole('columnheader', { name: 'Agent' })).toHaveCount(0);
    await expect(page.getByTestId('row-agent')).toHaveCount(0);
    // 我的今日 is an agent's figures; the whole workspace's counts are a supervisor's (the version stays for everyone).
    await expect(page.getByTestId('my-day-callbacks')).toBeVisible();
    await expect(page.getByTestId('workspace-counts')).toHaveCount(0);
    await expect(page.getByTestId('app-version')).toBeVisible();
    // "Weekly ano…", "Handset cha…" before; the longest type, "Arrears before suspension", may still need its tooltip.
    const labels = queue.table.locator('[data-list-type]:not([data-list-type="arrears_suspension"]) .MuiChip-label');
    expect(await labels.count()).toBeGreaterThan(0);
    expect(await labels.evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth).map((e) => e.textContent))).toEqual([]);
    await page.screenshot({ path: test.info().outputPath('queue-agent-en.png') });
  });

  test('a supervisor’s queue at 1366×768 reads plan names and headers whole, and names each task’s agent, in both languages', async ({ page, app }) => {
    const shell = new AppShell(page);
    await shell.open(app.openUrl);
    await shell.goTo('queue');
    const queue = new QueuePage(page);
    const agents = await app.api<{ items: { id: string; name: string }[] }>('agent-list', {});
    const nameOf = new Map(agents.items.map((a) => [a.id, a.name]));
    for (const language of ['zh-CN', 'en'] as const) {
      await shell.switchLanguage(language);
      await queue.settled();
      // The plan column had 48 px of text beside the agent column and the checkboxes: "全球通畅 / 享套餐…", the price cut.
      const plans = queue.table.getByTestId('row-plan');
      expect(await plans.count()).toBeGreaterThan(0);
      expect(await plans.evaluateAll((els) => els.filter((e) => e.scrollHeight > e.clientHeight + 1).map((e) => e.textContent))).toEqual([]);
      // Each header's words end inside its cell (a sort label's hidden arrow may not: it shows only when sorted by it).
      const headers = page.getByRole('columnheader').filter({ hasText: /\S/ }); // not the checkbox's
      const cutHeaders = await headers.evaluateAll((els) =>
        els
          .filter((e) => {
            const range = e.ownerDocument.createRange();
            const walker = e.ownerDocument.createTreeWalker(e, 4 /* NodeFilter.SHOW_TEXT */);
            let right = 0;
            for (let n = walker.nextNode(); n; n = walker.nextNode()) {
              range.selectNodeContents(n);
              right = Math.max(right, range.getBoundingClientRect().right);
            }
            return right > e.getBoundingClientRect().right;
          })
          .map((e) => e.textContent),
      );
      expect(cutHeaders).toEqual([]);
      // The agent by name, as a supervisor knows them (the id stays in the tooltip and the data).
      const cell = queue.row(0).getByTestId('row-agent');
      const id = await cell.getAttribute('data-agent');
      expect(id).toBeTruthy();
      await expect(cell).toHaveText(nameOf.get(id!)!);
      expect(await cell.evaluate((e) => e.scrollWidth > e.clientWidth)).toBe(false);
      await page.screenshot({ path: test.info().outputPath(`queue-supervisor-${language}.png`) });
    }
  });

  test('reads well in English too', async ({ page, app }) => {
    const shell = new AppShell(page);
    await shell.open(app.openUrl);
    await shell.switchLanguage('en');
    await shell.goTo('queue');
    const queue = new QueuePage(page);
    await queue.settled();
    await expect(queue.table).toBeVisible();
    await expect(page.getByRole('columnheader').first()).toBeVisible();
    await expect(queue.range).toContainText(/of/);
  });
});
