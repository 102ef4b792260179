import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { e2eZone, expect, serverOfItsOwn, test } from './fixtures';
import { AppShell, HallPage, QueuePage } from './pages';

/**
 * Issue 13 #2: an open queue reflects, within 5 seconds and without navigation, what happens elsewhere — tasks a
 * supervisor assigns in another window, a list the CLI imports in another process — and a call-back that comes due
 * rises to the top with a badge and a notice naming the customer masked.
 */
test.describe('live screens', () => {
  // With the system's animations on, as most users have them (the config turns them off for the rest of the suite).
  test.use({ reducedMotion: 'no-preference' });
  test('a call-back coming due rises to the top of the open queue, with a badge and a notice', async ({ page, app }) => {
    // The page's timers on a clock the test can move on (time still flows as it does): the notice's 16 s below, without
    // waiting them.
    await page.clock.install();
    const shell = new AppShell(page);
    // A002: the phone spec schedules call-backs for A001 on the same workspace, and due call-backs sort first.
    await shell.open(app.openUrl, { as: 'A002' });
    await shell.goTo('queue');
    const queue = new QueuePage(page);
    await queue.settled();
    const listed = await app.api<{ items: { taskId: number; msisdnMasked: string; contact: { allowed: boolean } }[] }>('queue-list', { limit: 200 }, { as: 'A002' });
    const last = listed.items.filter((i) => i.contact.allowed).at(-1)!;
    const card = await app.api<{ customer: { ref: string } }>('customer-lookup', { taskId: last.taskId, channel: 'phone' }, { as: 'A002' });
    await app.api('attempt-log', { ref: card.customer.ref, channel: 'phone', disposition: 'callback', callbackAt: new Date(Date.now() + 3000).toISOString() }, { as: 'A002' });

    // No navigation: the page is told at the minute (here: the second) the call-back comes due.
    await expect(page.getByTestId('callback-notice')).toContainText(last.msisdnMasked, { timeout: 9000 });
    await expect(page.getByTestId('queue-callbacks-due')).toHaveAttribute('data-count', '1');
    await expect.poll(() => queue.taskId(0), { timeout: 5000 }).toBe(last.taskId);
    expect((await queue.statuses())[0]).toBe('callback_due');
    // The notice stays until the agent opens or closes it: it went by unseen after 15 s (found by a new agent).
    await page.clock.fastForward('00:16');
    await page.waitForTimeout(500); // a notice closed by a timer would be on its way out, still visible
    await expect(page.getByTestId('callback-notice')).toBeVisible();
    // Nor does Esc close it: agents press Esc all day to back out of an outcome or clear the number, and the reminder of
    // a customer waiting for the call went with it (found by a helper's pass).
    await page.keyboard.press('Escape');
    await page.waitForTimeout(300);
    await expect(page.getByTestId('callback-notice')).toBeVisible();
    await page.getByTestId('callback-notice-close').click();
    await expect(page.getByTestId('callback-notice')).toHaveCount(0);
  });

  test('tasks a supervisor assigns, and a list the CLI imports, appear on an open queue within 5 s', async ({ page, app }) => {
    const shell = new AppShell(page);
    await shell.open(app.openUrl, { as: 'A003' });
    await shell.goTo('queue');
    const queue = new QueuePage(page);
    await queue.settled();
    const totalNow = async () => Number((await queue.total.innerText()).replace(/\D/g, '') || 0);
    const before = await totalNow();

    // A supervisor, in another window, hands A003 three unassigned tasks.
    const db = new Database(app.dbPath, { readonly: true });
    const taskIds = db.prepare("SELECT id FROM tasks WHERE closed_at IS NULL AND (agent_id IS NULL OR agent_id NOT IN ('A001', 'A002', 'A003', 'A004')) ORDER BY id LIMIT 3").pluck().all() as number[];
    db.close();
    await app.api('task-assign', { taskIds, mode: { kind: 'to', agentId: 'A003' }, onlyUnassigned: false });
    await expect.poll(totalNow, { timeout: 5000 }).toBe(before + 3);
    const afterAssign = await totalNow();

    // The CLI, another process on the same workspace file, imports a list naming A003 as the agent.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rd-live-'));
    const file = path.join(dir, 'cli-list.csv');
    fs.writeFileSync(file, '手机号码,姓名,执行人\n13912340001,张一,A003\n13912340002,张二,A003\n');
    await promisify(execFile)(process.execPath, [path.resolve('dist/node/cli.cjs'), 'import', file, '--db', app.dbPath, '--list', '命令行导入', '--due', '2099-12-31'], {
      env: { ...process.env, TZ: e2eZone() },
    });
    await expect.poll(totalNow, { timeout: 5000 }).toBe(afterAssign + 2);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

/**
 * The call-back notice stays until the agent opens or closes it, so it must not sit on anything the agent works with:
 * at 1366×768 it covered the queue's 每页行数 and page arrows, and the page could not be turned until it was closed
 * (found by an agent's pass). Its own workspace: the call-back scheduled here would head another spec's queue.
 */
test.describe('the call-back notice covers no control', () => {
  const own = serverOfItsOwn('rd-e2e-notice-');

  test('at 1366×768, in Chinese and English, the notice leaves the queue’s pagination, the outcome’s Save and every other control of the agent’s pages uncovered', async ({ page }, testInfo) => {
    const app = own.app;
    const shell = new AppShell(page);
    await shell.open(app.openUrl, { as: 'A002' });
    const listed = await app.api<{ items: { taskId: number; msisdnMasked: string; contact: { allowed: boolean } }[] }>('queue-list', { limit: 200 }, { as: 'A002' });
    const callable = listed.items.filter((i) => i.contact.allowed);
    const due = callable.at(-1)!;
    const card = await app.api<{ customer: { ref: string } }>('customer-lookup', { taskId: due.taskId, channel: 'phone' }, { as: 'A002' });
    await app.api('attempt-log', { ref: card.customer.ref, channel: 'phone', disposition: 'callback', callbackAt: new Date(Date.now() + 2500).toISOString() }, { as: 'A002' });
    const notice = page.getByTestId('callback-notice');
    await expect(notice).toContainText(due.msisdnMasked, { timeout: 9000 });

    /** The controls in the page (the part of each the page shows) that the notice lies on. */
    const covered = () =>
      page.locator('main').evaluate((mainEl) => {
        const doc = mainEl.ownerDocument;
        const win = doc.defaultView!;
        const box = doc.querySelector('[data-testid="callback-notice"]')!.getBoundingClientRect();
        const main = mainEl.getBoundingClientRect();
        const found: string[] = [];
        for (const el of doc.querySelectorAll('main button, main a[href], main input, main textarea, main [role="button"], main [role="combobox"], main [tabindex="0"]')) {
          if (el.closest('[data-testid="callback-notice"]')) continue;
          const r = el.getBoundingClientRect();
          if (r.width === 0 || r.height === 0 || win.getComputedStyle(el).visibility === 'hidden') continue;
          // What the page shows of it: main scrolls, and a control scrolled out of it is not under the notice.
          const top = Math.max(r.top, main.top, 0);
          const bottom = Math.min(r.bottom, main.bottom, win.innerHeight);
          const left = Math.max(r.left, main.left);
          const right = Math.min(r.right, main.right);
          if (bottom <= top || right <= left) continue;
          if (left < box.right && right > box.left && top < box.bottom && bottom > box.top) {
            found.push(`${el.tagName.toLowerCase()}[${el.getAttribute('data-testid') ?? el.getAttribute('aria-label') ?? (el.textContent ?? '').trim().slice(0, 30)}]`);
          }
        }
        return found;
      });
    const hall = new HallPage(page);
    const queue = new QueuePage(page);
    const other = callable[1]!;
    for (const language of ['zh-CN', 'en'] as const) {
      if (language === 'en') await shell.switchLanguage('en');
      await shell.goTo('queue');
      if (await queue.backToQueue.isVisible()) await queue.backToQueue.click();
      await queue.settled();
      const pagination = page.locator('.MuiTablePagination-root');
      await expect(pagination).toBeVisible();
      const [n, p] = [(await notice.boundingBox())!, (await pagination.boundingBox())!];
      expect(n.y >= p.y + p.height || n.y + n.height <= p.y || n.x >= p.x + p.width || n.x + n.width <= p.x, `the notice (${JSON.stringify(n)}) lies on the pagination (${JSON.stringify(p)})`).toBe(true);
      expect(await covered(), `queue, ${language}`).toEqual([]);
      await page.screenshot({ path: testInfo.outputPath(`notice-queue-${language}.png`) });

      // Another task's card (the due one's would take the notice away): the outcome's Save is brought into view.
      await queue.rowOfTask(other.taskId).click();
      await queue.previewOf(other.taskId);
      await hall.logPanel.focus();
      await page.keyboard.press('2'); // declined
      await page.keyboard.press('2'); // competitor offer
      await expect(hall.save).toBeInViewport({ ratio: 1 });
      expect(await covered(), `queue preview, ${language}`).toEqual([]);
      await page.screenshot({ path: testInfo.outputPath(`notice-preview-${language}.png`) });
      // Not Esc: the notice takes Esc as "close" too.
      await hall.logPanel.getByTestId('log-clear').click();
      await queue.backToQueue.click();

      await shell.goTo('lists');
      await expect(page.getByTestId('list-mine').first()).toBeVisible();
      expect(await covered(), `work lists, ${language}`).toEqual([]);

      await shell.goTo('hall');
      expect(await hall.lookup(app.demoNumbers(3)[2]!)).toBe('card');
      await page.keyboard.press('2');
      await page.keyboard.press('2');
      await expect(hall.save).toBeInViewport({ ratio: 1 });
      expect(await covered(), `hall, ${language}`).toEqual([]);
      await page.screenshot({ path: testInfo.outputPath(`notice-hall-${language}.png`) });
      await hall.logPanel.getByTestId('log-clear').click();
      await expect(notice).toBeVisible();
    }
  });
});
