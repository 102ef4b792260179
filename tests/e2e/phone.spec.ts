import type { Page } from '@playwright/test';
import { expect, test, type AppServer } from './fixtures';
import { AppShell, HallPage, QueuePage, WorkListsPage } from './pages';

/** docs/product.md §1/§5/§6: a phone agent works the queue in preview mode; the contact policy is visible at each step. */
test.describe('phone queue in preview mode', () => {
  test('no answer → not callable for a while → reached later → declined with reason → that offer is suppressed', async ({ page, app }) => {
    const shell = new AppShell(page);
    await shell.open(app.openUrl, { as: 'A001' });
    await shell.goTo('lists'); // an agent exports outcomes there, but is not offered supervisors' work
    await expect(page.getByRole('button', { name: /^(导出结果|Export outcomes)$/ })).toBeVisible();
    await expect(page.getByRole('button', { name: /^(导入清单|Import work list)$/ })).toHaveCount(0);
    // Their own open tasks of a list, as 查看任务 shows them, and the team's under it (the team's alone read as theirs).
    const lists = new WorkListsPage(page);
    await lists.settled();
    const firstList = lists.rows.first();
    const mine = Number(await firstList.getByTestId('list-mine').innerText());
    await expect(firstList.getByTestId('list-open')).toContainText(/全组 [\d,]+/);
    await firstList.getByRole('button', { name: /^查看.*的任务/ }).click();
    const queue = new QueuePage(page);
    await queue.settled();
    await expect(queue.total).toHaveText(`共 ${mine} 个任务`);
    await queue.filterByList(null);
    await queue.settled();
    // A callable task with at most one attempt so far: one no-answer more leaves it open (the attempt limit is 3,
    // docs/status-rule.md), so it stays in the queue, not callable for a while.
    const listed = await app.api<{ items: { taskId: number; attempts: number; contact: { allowed: boolean } }[] }>('queue-list', { limit: 50 }, { as: 'A001' });
    const fresh = listed.items.find((i) => i.contact.allowed && i.attempts < 2);
    if (!fresh) throw new Error('the demo queue has no callable task with fewer than 2 attempts on its first page');
    await queue.rowOfTask(fresh.taskId).click();
    await expect(queue.preview).toBeVisible();
    const taskId = await queue.previewTaskId();
    expect(taskId).toBe(fresh.taskId);
    await expect(queue.contactBanner).toHaveAttribute('data-allowed', 'true');
    const hall = new HallPage(page); // the card and outcome panel are the hall's own components
    await expect(hall.card).toBeVisible();
    const offered = (await hall.offerCodes())[0];
    expect(offered, 'the first callable demo customer with few attempts has a recommended offer').toBeDefined();

    await hall.logPanel.focus();
    await page.keyboard.press('4'); // no answer
    await page.keyboard.press('Enter');
    await expect(hall.attempts.first().getByTestId('attempt-disposition')).toHaveAttribute('data-code', 'no_answer');
    await expect(queue.contactBanner).toHaveAttribute('data-allowed', 'false');
    await expect(queue.contactBanner).toContainText(/分钟后才能再拨|retry in/);
    // A redial at once, not answered: the form asks whether it really happened before it uses up an attempt.
    await hall.logPanel.focus();
    await page.keyboard.press('4');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('log-blocked-confirm')).toContainText(/分钟后才能再拨|retry in/);
    await expect(page.getByTestId('log-save')).toHaveText(/仍要记录|Save anyway/);
    await expect(hall.attempts.first().getByTestId('attempt-disposition')).toHaveAttribute('data-code', 'no_answer');
    expect(await hall.attempts.count()).toBe(1 + fresh.attempts);
    await page.keyboard.press('Escape'); // it did not happen: nothing saved
    await expect(page.getByTestId('log-blocked-confirm')).toHaveCount(0);

    await queue.backToQueue.click();
    await queue.settled();
    await expect(queue.contact(queue.rowOfTask(taskId))).toHaveAttribute('data-allowed', 'false');

    // The customer rings back later and is reached: the agent opens the task from the list.
    await queue.rowOfTask(taskId).click();
    await expect(hall.card).toBeVisible();
    await hall.logPanel.focus();
    await page.keyboard.press('2'); // declined
    await page.keyboard.press('1'); // reason: price
    await expect(page.getByTestId('log-declined-offer').first()).toHaveAttribute('aria-pressed', 'true');
    await page.keyboard.press('Enter');
    await expect(hall.attempts.first().getByTestId('attempt-disposition')).toHaveAttribute('data-code', 'declined');
    // The task has ended: the banner says so (it said 现在可以外呼, then 不要联系此客户, which reads as do-not-disturb).
    await expect(queue.contactBanner).toHaveAttribute('data-allowed', 'false');
    await expect(queue.contactBanner).toContainText(/任务已结束，不再外呼|This task has ended/);
    // … as news, not an alarm (it was red, for a success too), and without what else would have held a call back.
    await expect(queue.contactBanner).toHaveAttribute('data-ended', 'true');
    await expect(queue.contactBanner).toHaveClass(/MuiAlert-colorInfo/);
    await expect.poll(() => hall.offerCodes()).not.toContain(offered);
    await hall.expandExcluded();
    await expect(hall.excludedOffer(offered!)).toContainText(/拒绝|declined/i);
  });

  test('a task with one attempt left says so on its card before the call, as its queue row does', async ({ page, app }) => {
    const shell = new AppShell(page);
    await shell.open(app.openUrl, { as: 'A001' });
    await shell.goTo('queue');
    const queue = new QueuePage(page);
    await queue.settled();
    await queue.setRowsPerPage(200);
    type Item = { taskId: number; contact: { allowed: boolean; attemptsLeft: number | null } };
    const listed = await app.api<{ items: Item[] }>('queue-list', { limit: 200 }, { as: 'A001' });
    const last = listed.items.find((i) => i.contact.allowed && i.contact.attemptsLeft === 1);
    const more = listed.items.find((i) => i.contact.allowed && (i.contact.attemptsLeft ?? 0) > 1);
    expect(last && more, "A001's demo queue has callable tasks with one attempt left and with more").toBeTruthy();
    // 还可 1 次 in the row; the card said only 现在可以外呼, and one 无人接听 + Enter closed the task for good.
    await queue.rowOfTask(last!.taskId).click();
    await expect(queue.contactBanner).toHaveAttribute('data-allowed', 'true');
    await expect(queue.contactBanner).toContainText('现在可以外呼 · 最后一次：这次未接通，任务就会结束（无法接通）');
    await queue.backToQueue.click();
    await queue.settled();
    await queue.rowOfTask(more!.taskId).click();
    await expect(queue.contactBanner).toHaveAttribute('data-allowed', 'true');
    await expect(queue.contactBanner).not.toContainText('最后一次');
  });

  test('要求勿扰: D says what saving does, Enter ends the task, and the customer is not to be phoned again (issue: the call-service rules)', async ({ page, app }) => {
    const shell = new AppShell(page);
    await shell.open(app.openUrl, { as: 'A001' });
    await shell.goTo('queue');
    const queue = new QueuePage(page);
    await queue.settled();
    const listed = await app.api<{ items: { taskId: number; contact: { allowed: boolean } }[] }>('queue-list', { limit: 50 }, { as: 'A001' });
    const task = listed.items.find((i) => i.contact.allowed);
    if (!task) throw new Error('A001 has no callable task on the first page of the demo queue');
    await queue.rowOfTask(task.taskId).click();
    await expect(queue.contactBanner).toHaveAttribute('data-allowed', 'true');
    const hall = new HallPage(page);
    await hall.logPanel.focus();
    await page.keyboard.press('d');
    await expect(hall.logPanel).toHaveAttribute('data-disposition', 'do_not_call');
    await expect(page.getByTestId('log-do-not-call')).toContainText('以后的任务都不再外呼、发短信或上门');
    await page.screenshot({ path: test.info().outputPath('do-not-call-zh-CN.png') });
    await page.keyboard.press('Enter');
    await expect(hall.attempts.first().getByTestId('attempt-disposition')).toHaveAttribute('data-code', 'do_not_call');
    await expect(queue.contactBanner).toHaveAttribute('data-allowed', 'false');
    await expect(queue.contactBanner).toContainText('任务已结束（要求勿扰）');
    // The saved line says it in the same words (it said 任务状态：客户拒绝; found by a new agent).
    await expect(page.getByTestId('log-saved')).toContainText('任务已结束（要求勿扰）');
    await expect(page.getByTestId('log-saved')).not.toContainText('客户拒绝');
    await expect(queue.contactBanner).toContainText(/客户 \d{4}-\d{2}-\d{2} 要求不再联系：不能外呼、发短信或上门/);
    await expect(page.getByTestId('card-refused')).toContainText(/要求勿扰 \d{2}-\d{2}/);
    await page.screenshot({ path: test.info().outputPath('do-not-call-saved-zh-CN.png') });
  });

  test('a supervisor lifts a request not to be contacted, saying why; the audit log keeps it', async ({ page, app }) => {
    const shell = new AppShell(page);
    await shell.open(app.openUrl); // S001
    await shell.goTo('queue');
    const queue = new QueuePage(page);
    await queue.settled();
    const listed = await app.api<{ items: { taskId: number; contact: { allowed: boolean } }[] }>('queue-list', { limit: 50 });
    const task = listed.items.find((i) => i.contact.allowed);
    if (!task) throw new Error('no callable task on the first page of the demo queue');
    await queue.rowOfTask(task.taskId).click();
    const hall = new HallPage(page);
    await hall.logPanel.focus();
    await page.keyboard.press('d');
    await page.keyboard.press('Enter');
    await expect(queue.contactBanner).toContainText('要求不再联系');
    await page.getByTestId('lift-refusal').click();
    const dialog = page.getByTestId('lift-refusal-dialog');
    await expect(dialog.getByTestId('lift-refusal-save')).toBeDisabled(); // the why is required
    await dialog.getByTestId('lift-refusal-reason').fill('坐席误按 D');
    await page.screenshot({ path: test.info().outputPath('lift-refusal-zh-CN.png') });
    await dialog.getByTestId('lift-refusal-save').click();
    await expect(dialog).toHaveCount(0);
    await expect(queue.contactBanner).not.toContainText('要求不再联系');
    await expect(page.getByTestId('lift-refusal')).toHaveCount(0);
    // The task the request ended stays ended; the banner says what the lift did (it said only the end).
    await expect(page.getByTestId('contact-refusal-lifted')).toHaveText('客户的要求勿扰已撤销：以后的任务可以按联系规则外呼；这个任务已结束，不会重新打开。');
    const audit = await app.api<{ items: { action: string; detail: unknown }[] }>('audit-list', { offset: 0, limit: 3 });
    expect(audit.items[0]).toMatchObject({ action: 'contact-refusal-lift', detail: { reason: '坐席误按 D' } });
  });

  test('J after a busy signal opens the next callable task in the order the agent saw, skipping none (issue 15 #1)', async ({ page, app }) => {
    // A004: no other spec works this agent's queue, so its order is the demo's own (fixed seed, midday zone).
    const shell = new AppShell(page);
    await shell.open(app.openUrl, { as: 'A004' });
    await shell.goTo('queue');
    const queue = new QueuePage(page);
    await queue.settled();
    const seen = await app.api<{ items: { taskId: number; status: string; contact: { allowed: boolean } }[] }>('queue-list', { limit: 50 }, { as: 'A004' });
    const callable = seen.items.filter((i) => i.contact.allowed);
    expect(callable.length, "A004's demo queue has at least two callable tasks").toBeGreaterThanOrEqual(2);
    expect(callable.some((i) => i.status === 'callback_due'), 'no call-back is due in the untouched queue').toBe(false);
    await queue.startNext.click();
    const first = await queue.previewTaskId();
    expect(first).toBe(callable[0]!.taskId);
    const hall = new HallPage(page);
    await hall.logPanel.focus();
    await page.keyboard.press('5'); // busy: this task re-sorts down the queue and is not callable for a while
    await page.keyboard.press('Enter');
    await expect(hall.attempts.first().getByTestId('attempt-disposition')).toHaveAttribute('data-code', 'busy');
    // Read down to the customer's profile, then J: the next customer is shown from the top, their number in view.
    await page.getByTestId('customer-card').locator('[data-testid^="section-"]').last().scrollIntoViewIfNeeded();
    await expect(page.getByTestId('card-msisdn')).not.toBeInViewport();
    await page.keyboard.press('j');
    await queue.previewOf(callable[1]!.taskId);
    await expect(page.getByTestId('card-msisdn')).toBeInViewport();
    // Only the card scrolls, never the window: a caption hidden for screen readers sat outside the card's frame and
    // made the page itself scroll, so J slid the whole window up, the top bar out of sight (found by a new agent).
    expect(await page.evaluate('document.scrollingElement.scrollHeight - window.innerHeight')).toBe(0);
    await expect(page.getByTestId('sign-out')).toBeInViewport();

    // An outcome half put in (拒绝 · 资费), then J: the queue asks before dropping it (J moved on and the decline was
    // never stored — found by an agent), and 回去保存 keeps it all on the same task; cleared with Esc, J needs no question.
    await hall.logPanel.focus();
    const attemptsBefore = await hall.attempts.count();
    await page.keyboard.press('2');
    await page.keyboard.press('1');
    await page.keyboard.press('j');
    await expect(page.getByTestId('unsaved-dialog')).toBeVisible();
    await expect(page.getByTestId('unsaved-dialog')).toContainText('这次的结果还没保存');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('unsaved-dialog')).toBeHidden();
    expect(await queue.previewTaskId()).toBe(callable[1]!.taskId);
    await expect(hall.dispositionButton('declined')).toHaveAttribute('aria-pressed', 'true');
    await expect(hall.reasonChoice('price')).toHaveAttribute('aria-pressed', 'true');
    // The menu asks too (the queue's card was left by it, and the outcome with it); Enter goes back, not saving.
    await page.getByRole('link', { name: /^营业厅查询$/ }).click();
    await expect(page.getByTestId('unsaved-dialog')).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('unsaved-dialog')).toBeHidden();
    expect(await queue.previewTaskId()).toBe(callable[1]!.taskId);
    await expect(hall.dispositionButton('declined')).toHaveAttribute('aria-pressed', 'true');
    expect(await hall.attempts.count()).toBe(attemptsBefore); // nothing saved behind the dialog
    // Signing out asks too.
    await page.getByTestId('sign-out').click();
    await expect(page.getByTestId('unsaved-dialog')).toBeVisible();
    await page.getByTestId('unsaved-stay').click();
    await expect(page.getByTestId('signed-in')).toBeVisible();
    await hall.logPanel.focus();
    await page.keyboard.press('Escape');
    await expect(hall.dispositionButton('declined')).toHaveAttribute('aria-pressed', 'false');

    // 忙线 on a task that stays open (fewer than 2 attempts before: the limit is 3) takes it out of the callable ones
    // (issue 15 #2): it joins the group that cannot be called yet, by when its retry spacing lifts, with its reason
    // and the time it can be called.
    await queue.backToQueue.click();
    await queue.settled();
    await queue.setRowsPerPage(200);
    const listed = await app.api<{ items: { taskId: number; attempts: number; contact: { allowed: boolean } }[] }>('queue-list', { limit: 200 }, { as: 'A004' });
    const fresh = listed.items.find((i) => i.contact.allowed && i.attempts < 2);
    expect(fresh, "A004's queue has a callable task with fewer than 2 attempts").toBeTruthy();
    await queue.rowOfTask(fresh!.taskId).click();
    await hall.logPanel.focus();
    await page.keyboard.press('5'); // busy
    await page.keyboard.press('Enter');
    await expect(hall.attempts.first().getByTestId('attempt-disposition')).toHaveAttribute('data-code', 'busy');
    // The queue's own link in the menu goes back to the list from a card, as 返回任务队列 does (it stayed on the card).
    await shell.goTo('queue');
    await expect(queue.preview).toBeHidden();
    await queue.settled();
    const after = await app.api<{ items: { taskId: number; order: { part: string; blockedUntil: string | null } }[] }>('queue-list', { limit: 500 }, { as: 'A004' });
    const at = after.items.findIndex((i) => i.taskId === fresh!.taskId);
    expect(after.items[at]?.order.part).toBe('blocked');
    // Ahead of it in the not-callable group, only tasks whose wait ends sooner (the demo's own recent calls, the
    // task made busy a moment earlier in this test): the group is in lift-time order.
    const liftOf = (i: { order: { blockedUntil: string | null } }) => i.order.blockedUntil ?? '\uffff';
    const blockedBefore = after.items.slice(0, at).filter((i) => i.order.part === 'blocked');
    expect(blockedBefore.every((i) => liftOf(i) <= liftOf(after.items[at]!))).toBe(true);
    // the parts never interleave: once a row cannot be called, none after it can
    const firstBlocked = after.items.findIndex((i) => i.order.part === 'blocked');
    expect(after.items.slice(firstBlocked).every((i) => i.order.part === 'blocked')).toBe(true);
    expect(at, 'the busy task is on the first page of 200').toBeLessThan(200);
    const why = queue.rowOfTask(fresh!.taskId).getByTestId('row-why');
    await expect(why).toHaveAttribute('data-part', 'blocked');
    await expect(why.getByTestId('row-why-main')).toHaveText(/未接通|Retry later/);
    await expect(why.getByTestId('row-why-detail')).toHaveText(/可呼：\d|From \d/);
    await expect(page.getByTestId('queue-group-blocked')).toBeVisible();
    // the next callable task is not the one just made busy
    await queue.startNext.click();
    await expect.poll(() => queue.previewTaskId()).not.toBe(fresh!.taskId);
  });

  test('a key pressed while the next card loads is not taken, and the card says so until the agent presses again', async ({ page, app }) => {
    // The outcome keys rest while J's next card loads (they would log against a customer not yet on screen); an agent
    // quick on J then 2 lost the 2 without a word. The card's answer is held here so the key lands while it loads.
    const { queue, callable } = await queueOf(page, app, 'A003');
    // Enter on a row opens its card, and is not itself a key "not taken" while the card loads (the warning flashed on
    // every card opened so; found by a new agent).
    let opened: () => void = () => undefined;
    const opening = new Promise<void>((resolve) => (opened = resolve));
    await page.route('**/api/customer-lookup', async (route) => {
      await opening;
      await route.continue();
    });
    await queue.rowOfTask(callable[0]!.taskId).focus();
    await page.keyboard.press('Enter');
    await expect(queue.preview.getByRole('progressbar')).toBeVisible();
    await page.waitForTimeout(300);
    expect(await page.getByTestId('preview-key-not-taken').count()).toBe(0);
    opened();
    await queue.previewOf(callable[0]!.taskId);
    await page.unroute('**/api/customer-lookup');
    await page.getByTestId('preview-back').click();
    await queue.startNext.click();
    await queue.previewOf(callable[0]!.taskId);
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/customer-lookup', async (route) => {
      await held;
      await route.continue();
    });
    const hall = new HallPage(page);
    await hall.logPanel.focus();
    await page.keyboard.press('j');
    await expect(queue.preview.getByRole('progressbar')).toBeVisible();
    await page.keyboard.press('2');
    const notTaken = page.getByTestId('preview-key-not-taken');
    await expect(notTaken).toHaveText('下一位客户正在载入，刚才的按键未生效：卡片出现后请再按一次。');
    // J again while it loads is not taken either: it went past a customer the agent never saw.
    await page.keyboard.press('j');
    release();
    await queue.previewOf(callable[1]!.taskId);
    await expect.poll(() => queue.previewTaskId()).toBe(callable[1]!.taskId);
    // The card is there: the line stays (the agent may not have looked up yet), and nothing was chosen behind it.
    await expect(notTaken).toBeVisible();
    await expect(hall.dispositionButton('declined')).toHaveAttribute('aria-pressed', 'false');
    await hall.logPanel.focus();
    await page.keyboard.press('2');
    await expect(notTaken).toHaveCount(0);
    await expect(hall.dispositionButton('declined')).toHaveAttribute('aria-pressed', 'true');
    await page.keyboard.press('Escape');
    await expect(hall.dispositionButton('declined')).toHaveAttribute('aria-pressed', 'false');
    // ? shows the keys on the card and closes them again, as the dialog says; the card has no number field, so its
    // keys are the queue's (they listed the hall's number field beside the queue's Esc).
    await page.keyboard.press('?');
    await expect(hall.shortcuts).toBeVisible();
    await expect(hall.shortcuts).toContainText('下一个任务');
    await expect(hall.shortcuts).not.toContainText('号码框');
    await page.keyboard.press('?');
    await expect(hall.shortcuts).toHaveCount(0);
  });

  test('a decline for a competitor’s offer keeps its next steps and Save in sight at 1366×768, in English too', async ({ page, app }) => {
    // In English the outcome keys take more lines: the competitor, its offer and Save fell below the fold while the
    // keys went on choosing them out of sight (found by a new user).
    const { shell, queue } = await queueOf(page, app, 'A003', { english: true });
    await queue.startNext.click();
    await queue.previewOf(await queue.previewTaskId());
    const hall = new HallPage(page);
    await hall.logPanel.focus();
    await page.keyboard.press('2'); // Declined
    await page.keyboard.press('2'); // Competitor offer: asks which competitor and what they offered
    await expect(hall.competitorChoice('unicom')).toBeVisible();
    await expect(hall.competitorChoice('unicom')).toBeInViewport();
    await expect(page.getByTestId('log-save')).toBeInViewport();
    await page.keyboard.press('Escape');
    await expect(hall.dispositionButton('declined')).toHaveAttribute('aria-pressed', 'false');
    await shell.switchLanguage('zh-CN');
  });

  test('asked whether a redial really happened, in English: "Save anyway" and "Change" stay whole on one line beside the note (found by a helper: Change wrapped below)', async ({ page, app }) => {
    const { shell, queue, callable } = await queueOf(page, app, 'A003', { english: true });
    const fresh = callable.find((i) => i.attempts < 2);
    if (!fresh) throw new Error('A003 has no callable task with fewer than 2 attempts on its first page');
    await queue.rowOfTask(fresh.taskId).click();
    const hall = new HallPage(page);
    await expect(hall.card).toBeVisible();
    await hall.logPanel.focus();
    await page.keyboard.press('4'); // no answer
    await page.keyboard.press('Enter');
    await expect(queue.contactBanner).toHaveAttribute('data-allowed', 'false');
    await hall.logPanel.focus();
    await page.keyboard.press('4');
    await page.keyboard.press('Enter');
    const save = page.getByTestId('log-save');
    const change = page.getByTestId('log-clear');
    await expect(save).toHaveText(/Save anyway/);
    const [s, c, note] = await Promise.all([save.boundingBox(), change.boundingBox(), page.getByTestId('log-note').boundingBox()]);
    // One line each (a button is ~36 px high), side by side, beside the note.
    expect(s!.height).toBeLessThan(44);
    expect(c!.height).toBeLessThan(44);
    expect(Math.abs(c!.y - s!.y)).toBeLessThan(4);
    expect(Math.abs(s!.y + s!.height / 2 - (note!.y + note!.height / 2))).toBeLessThan(12);
    await page.keyboard.press('Escape'); // it did not happen: nothing saved
    await expect(page.getByTestId('log-blocked-confirm')).toHaveCount(0);
    await shell.switchLanguage('zh-CN');
  });

  test('at 1366×768 each outcome’s steps, Save included, fit beside the card without scrolling, for a customer with three offers — in English as in Chinese, no label cut', async ({ page, app }, testInfo) => {
    // In English the keys took five lines, each accepted offer one of its own and the hints a line under their titles:
    // the page scrolled 139 px to show Save after 1 成功, 91 px after 2 拒绝 · 2 竞争对手优惠, the customer's number off
    // screen; in Chinese the same steps fit. A callable task with three offers and nothing logged for it lately (a
    // call-back request or recent outcome adds its banner above the panel).
    type Listed = { items: { taskId: number; contact: { allowed: boolean } }[] };
    type Card = { offers: { ranked: unknown[] }; recentAttempts: unknown[]; task: { followUp: unknown } | null };
    // Whose and which depends on the day the demo was made (on 2026-12-12 none of A003's first 50 qualified): every
    // agent's first page of callable tasks (the queue's 50 rows) is looked through, A003's first.
    let found: { agent: string; taskId: number } | undefined;
    for (const agent of ['A003', 'A001', 'A002', 'A004', 'A005']) {
      const listed = await app.api<Listed>('queue-list', { limit: 50 }, { as: agent });
      for (const item of listed.items.filter((i) => i.contact.allowed)) {
        const card = await app.api<Card>('customer-lookup', { taskId: item.taskId, channel: 'phone' }, { as: agent });
        if (card.offers.ranked.length >= 3 && card.recentAttempts.length === 0 && !card.task?.followUp) {
          found = { agent, taskId: item.taskId };
          break;
        }
      }
      if (found) break;
    }
    expect(found, 'a callable task with three offers and no recent attempt').toBeDefined();
    const { agent, taskId } = found!;
    const shell = new AppShell(page);
    await shell.open(app.openUrl, { as: agent });
    await shell.goTo('queue');
    const queue = new QueuePage(page);
    await queue.settled();
    await queue.rowOfTask(taskId).click();
    await queue.previewOf(taskId);
    const hall = new HallPage(page);
    const main = page.locator('main');
    for (const language of ['zh-CN', 'en'] as const) {
      if (language === 'en') await shell.switchLanguage('en');
      // 1 成功, 2 拒绝 · 2 竞争对手优惠, 3 预约回访, 9 已离网: the steps that add lines under the keys.
      for (const keys of [['1'], ['2', '2'], ['3'], ['9']]) {
        const what = `${keys.join(' ')} in ${language}`;
        await hall.logPanel.focus();
        for (const key of keys) await page.keyboard.press(key);
        await expect(hall.save, what).toBeVisible();
        await page.screenshot({ path: testInfo.outputPath(`outcome-${keys.join('')}-${language}.png`) });
        // The panel ends inside the page's frame (where it would be unscrolled), so nothing scrolls to bring Save into view.
        const overflow = await main.evaluate((m) => Math.round(m.ownerDocument.querySelector('[data-testid="log-panel"]')!.getBoundingClientRect().bottom + m.scrollTop - m.getBoundingClientRect().bottom));
        expect(overflow, `${what}: the outcome panel runs ${overflow} px below the window`).toBeLessThanOrEqual(0);
        expect(await main.evaluate((m) => m.scrollTop), what).toBe(0);
        await expect(page.getByTestId('card-msisdn'), what).toBeInViewport({ ratio: 1 });
        // Every label whole, but for a button that cuts its label with "…" on purpose (its title says it whole).
        const cut = await hall.logPanel.locator('button:not([title]), h3, h4, label').evaluateAll((els) =>
          els.filter((e) => e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1).map((e) => e.textContent),
        );
        expect(cut, what).toEqual([]);
        if (keys[0] === '1') {
          // The accepted offers may be cut with "…" (their title says them whole), but never below half the line, and
          // a name that fits beside the others stays whole: in Chinese all of them here (a cap at half the line cut
          // 升级全球通（专属客户经理回访） where it fitted).
          const offers = await hall.offerChoices.evaluateAll((els) =>
            els.map((e) => ({ cut: e.scrollWidth > e.clientWidth + 1 || [...e.querySelectorAll('span')].some((s) => s.scrollWidth > s.clientWidth + 1), share: e.getBoundingClientRect().width / e.parentElement!.getBoundingClientRect().width })),
          );
          expect(offers, what).toHaveLength(3);
          if (language === 'zh-CN') expect(offers.filter((o) => o.cut), what).toEqual([]);
          for (const o of offers.filter((x) => x.cut)) expect(o.share, what).toBeGreaterThanOrEqual(0.49);
        }
        await hall.logPanel.getByTestId('log-clear').click();
        await expect(hall.logPanel).toHaveAttribute('data-disposition', '');
      }
    }
    await shell.switchLanguage('zh-CN');
  });

  test('a session that ends by itself keeps the unsaved outcome for its agent: signed in again, the same card and form come back; another agent gets nothing of it', async ({ page, app }) => {
    // The session's idle limit (30 min) ends it with no question asked: the next call learns so and the sign-in
    // screen takes the form away. Here the backend ends the page's session (as the idle limit does) mid-outcome.
    const { shell, queue } = await queueOf(page, app, 'A002');
    const taskId = await queue.startNextCard();
    const hall = new HallPage(page);
    await hall.logPanel.focus();
    await page.keyboard.press('2'); // 拒绝
    await page.keyboard.press('1'); // 资费
    await hall.noteInput.fill('客户说下个月合约到期再谈');
    await shell.endSessionOnServer(app);
    const attemptsBefore = await app.api<{ recentAttempts: unknown[] }>('customer-lookup', { taskId, channel: 'phone' }, { as: 'A002' }).then((c) => c.recentAttempts.length);
    await hall.logPanel.focus();
    await page.keyboard.press('Enter');
    await expect(shell.signInPage).toBeVisible();
    await expect(page.getByTestId('signin-session-ended')).toHaveText('长时间无操作，已自动退出。未保存的接触结果已为您保留：用同一工号重新登录即可接着填写。');
    await expect(page.getByTestId('signin-agent')).toHaveValue('A002');
    await expect(page.getByTestId('signin-pin')).toBeFocused();
    await page.keyboard.type('123456');
    await page.keyboard.press('Enter');
    // The same card, the outcome as it was left: 拒绝 · 资费 and the note. Enter saves it.
    await queue.previewOf(taskId);
    await expect(hall.dispositionButton('declined')).toHaveAttribute('aria-pressed', 'true');
    await expect(hall.reasonChoice('price')).toHaveAttribute('aria-pressed', 'true');
    await expect(hall.noteInput).toHaveValue('客户说下个月合约到期再谈');
    await expect(page.getByTestId('preview-next')).toBeVisible(); // its place in the queue read again: J works
    await hall.logPanel.focus();
    await page.keyboard.press('Enter');
    await expect(hall.attempts.first().getByTestId('attempt-disposition')).toHaveAttribute('data-code', 'declined');
    const card = await app.api<{ recentAttempts: { disposition: string; reason: string | null; note: string | null }[] }>('customer-lookup', { taskId, channel: 'phone' }, { as: 'A002' });
    expect(card.recentAttempts.length).toBe(attemptsBefore + 1);
    expect(card.recentAttempts[0]).toMatchObject({ disposition: 'declined', reason: 'price', note: '客户说下个月合约到期再谈' });

    // Ended again with an outcome half put in, and someone else signs in at this PC: nothing of it is shown to them,
    // and it is gone for good — the first agent, back later, starts afresh.
    await page.keyboard.press('j');
    const next = await queue.previewTaskId();
    await queue.previewOf(next);
    await hall.logPanel.focus();
    await page.keyboard.press('2');
    await shell.endSessionOnServer(app);
    await page.keyboard.press('1');
    await page.keyboard.press('Enter');
    await expect(shell.signInPage).toBeVisible();
    await page.getByTestId('signin-agent').fill('A001');
    await shell.signIn('A001', '123456');
    await expect(shell.nav).toBeVisible();
    await expect(queue.preview).toBeHidden();
    await shell.goTo('queue');
    await expect(queue.preview).toBeHidden();
    await shell.signOut();
    await shell.signIn('A002', '123456');
    await expect(shell.nav).toBeVisible();
    await shell.goTo('queue');
    await queue.settled();
    await expect(queue.preview).toBeHidden();
    await queue.rowOfTask(next).click();
    await queue.previewOf(next);
    await expect(hall.dispositionButton('declined')).toHaveAttribute('aria-pressed', 'false');
  });

  test('feedback being written when the session ends by itself comes back in its dialog for the same agent, and saves', async ({ page, app }) => {
    // Found: F, the customer's words typed, a break; the idle limit ended the session and the words went with the dialog.
    const { shell, queue } = await queueOf(page, app, 'A004');
    const taskId = await queue.startNextCard();
    const hall = new HallPage(page);
    await hall.logPanel.focus();
    await page.keyboard.press('f');
    await page.getByRole('combobox', { name: /类别/ }).click();
    await page.getByRole('option', { name: '网络质量' }).click();
    await page.getByTestId('feedback-importance-high').click();
    await page.getByTestId('feedback-text').fill('家里客厅没信号，要站到阳台才能打电话');
    await shell.endSessionOnServer(app);
    await page.getByTestId('feedback-save').click();
    await expect(shell.signInPage).toBeVisible();
    await expect(page.getByTestId('signin-session-ended')).toHaveText('长时间无操作，已自动退出。没写完的反馈已为您保留：用同一工号重新登录即可接着写。');
    await page.getByTestId('signin-pin').fill('123456');
    await page.keyboard.press('Enter');
    await queue.previewOf(taskId);
    // The dialog is open again as it was left: category, importance and the words; Ctrl+Enter saves it.
    await expect(page.getByTestId('feedback-text')).toHaveValue('家里客厅没信号，要站到阳台才能打电话');
    await expect(page.getByTestId('feedback-importance-high')).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('feedback-category')).toHaveValue('network');
    await page.getByTestId('feedback-text').press('Control+Enter');
    await expect(hall.logPanel.getByTestId('log-added')).toHaveAttribute('data-kind', 'feedback');
    await expect(hall.card.getByTestId('card-feedback-item').first()).toContainText('家里客厅没信号');
  });

  test('a task reassigned while its agent was away: signed in again, the card says it is someone else’s now, that the kept outcome could not come back, and shows the feedback being written to copy', async ({ page, app }) => {
    const { shell, queue, callable } = await queueOf(page, app, 'A003');
    const taskId = callable.at(-1)!.taskId;
    await queue.rowOfTask(taskId).click();
    await queue.previewOf(taskId);
    const hall = new HallPage(page);
    await hall.logPanel.focus();
    await page.keyboard.press('2');
    await page.keyboard.press('1');
    // Feedback written over the outcome: Esc or a click beside the dialog does not throw the words away.
    await page.keyboard.press('f');
    await page.getByTestId('feedback-text').fill('客户说换了手机以后上网很慢');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('feedback-text')).toHaveValue('客户说换了手机以后上网很慢');
    await shell.endSessionOnServer(app);
    // Meanwhile a supervisor gives the task to another agent.
    await app.api('task-assign', { taskIds: [taskId], mode: { kind: 'to', agentId: 'A005' }, onlyUnassigned: false });
    await page.getByRole('combobox', { name: /类别/ }).click();
    await page.getByRole('option', { name: '网络质量' }).click();
    await page.getByTestId('feedback-save').click();
    await expect(shell.signInPage).toBeVisible();
    await expect(page.getByTestId('signin-session-ended')).toHaveText('长时间无操作，已自动退出。未保存的接触结果和没写完的反馈都已为您保留：用同一工号重新登录即可接着填写。');
    await page.getByTestId('signin-pin').fill('123456');
    await page.keyboard.press('Enter');
    await expect(queue.preview).toContainText('无法打开这个任务');
    await expect(queue.preview).toContainText('这个任务已分配给其他坐席，不在您的队列里了。');
    await expect(page.getByTestId('preview-kept-lost')).toHaveText('上次未保存的接触结果没能恢复：这个任务已不在您的队列里。');
    await expect(page.getByTestId('preview-kept-draft-lost')).toContainText('上次没写完的反馈没能放回这个任务');
    await expect(page.getByTestId('preview-kept-draft-text')).toHaveText('客户说换了手机以后上网很慢');
    await page.getByTestId('preview-back').click();
    await queue.settled();
  });

  test('a call-back comes back due at its time, first in the queue', async ({ page, app }) => {
    const shell = new AppShell(page);
    await shell.open(app.openUrl, { as: 'A001' });
    // Scheduled a few seconds ahead through the API (the picker allows only whole future minutes).
    const page0 = await app.api<{ items: { taskId: number; contact: { allowed: boolean } }[] }>('queue-list', { limit: 200 }, { as: 'A001' });
    const callable = page0.items.filter((i) => i.contact.allowed);
    const last = callable[callable.length - 1]!;
    const card = await app.api<{ customer: { ref: string } }>('customer-lookup', { taskId: last.taskId }, { as: 'A001' });
    await app.api('attempt-log', { ref: card.customer.ref, channel: 'phone', disposition: 'callback', callbackAt: new Date(Date.now() + 2500).toISOString() }, { as: 'A001' });
    await page.waitForTimeout(3000);
    await shell.goTo('queue');
    const queue = new QueuePage(page);
    await queue.settled();
    expect(await queue.taskId(0)).toBe(last.taskId);
    expect((await queue.statuses())[0]).toBe('callback_due');
    await expect(queue.contact(queue.row(0))).toHaveAttribute('data-allowed', 'true');
  });

  test('a call-back the customer asked for, then 忙线 at that time: the task stays open and callable later (issue 15 #3)', async ({ page, app }) => {
    // A005: a queue no other spec works. Two unanswered calls, then the customer asks to be called back.
    const shell = new AppShell(page);
    await shell.open(app.openUrl, { as: 'A005' });
    type Row = { taskId: number; attempts: number; contact: { allowed: boolean; reasons: { code: string }[]; nextAllowedAt: string | null } };
    const seen = await app.api<{ items: Row[] }>('queue-list', { limit: 100 }, { as: 'A005' });
    const task = seen.items.find((i) => i.contact.allowed && i.attempts === 0)!;
    expect(task, 'A005 has an untouched callable task').toBeDefined();
    const card = await app.api<{ customer: { ref: string } }>('customer-lookup', { taskId: task.taskId }, { as: 'A005' });
    for (const disposition of ['no_answer', 'no_answer']) await app.api('attempt-log', { ref: card.customer.ref, channel: 'phone', disposition }, { as: 'A005' });
    await app.api('attempt-log', { ref: card.customer.ref, channel: 'phone', disposition: 'callback', callbackAt: new Date(Date.now() + 2500).toISOString(), note: '下午三点后方便' }, { as: 'A005' });
    await page.waitForTimeout(3000);

    await shell.goTo('queue');
    const queue = new QueuePage(page);
    await queue.settled();
    expect(await queue.taskId(0)).toBe(task.taskId);
    // Three attempts, and the count started again at the request: said so, not "3 次 · 还可 3 次" (found by a new agent).
    await expect(queue.rowOfTask(task.taskId).getByTestId('row-attempts-left')).toHaveText('回访后还可 3 次');
    await queue.startNext.click();
    // The customer's own request heads the card.
    await expect(page.getByTestId('card-callback-request-note')).toContainText('下午三点后方便');
    const hall = new HallPage(page);
    await hall.logPanel.focus();
    await page.keyboard.press('5'); // busy, at the time they asked for
    await page.keyboard.press('Enter');
    await expect(hall.attempts.first().getByTestId('attempt-disposition')).toHaveAttribute('data-code', 'busy');

    // Three unanswered calls in all, but the request was not a failed attempt: still open, callable after the spacing.
    const after = await app.api<{ items: Row[] }>('queue-list', { limit: 200 }, { as: 'A005' });
    const row = after.items.find((i) => i.taskId === task.taskId);
    expect(row, 'the task is still open').toBeDefined();
    expect(row!.contact.reasons.map((r) => r.code)).toEqual(['retry-too-soon']);
    expect(row!.contact.nextAllowedAt).not.toBeNull();
  });
});

/** An agent's queue opened in the page (in English if asked), and its callable tasks as the API lists them (at least two). */
async function queueOf(page: Page, app: AppServer, agent: string, opts: { english?: boolean } = {}): Promise<{ shell: AppShell; queue: QueuePage; callable: { taskId: number; attempts: number }[] }> {
  const shell = new AppShell(page);
  await shell.open(app.openUrl, { as: agent });
  if (opts.english) await shell.switchLanguage('en');
  await shell.goTo('queue');
  const queue = new QueuePage(page);
  await queue.settled();
  const seen = await app.api<{ items: { taskId: number; attempts: number; contact: { allowed: boolean } }[] }>('queue-list', { limit: 50 }, { as: agent });
  const callable = seen.items.filter((i) => i.contact.allowed);
  expect(callable.length, `${agent}'s demo queue has at least two callable tasks`).toBeGreaterThanOrEqual(2);
  return { shell, queue, callable };
}
