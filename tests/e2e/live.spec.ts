import Database from 'better-sqlite3';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { e2eZone, expect, test } from './fixtures';
import { AppShell, QueuePage } from './pages';

/**
 * Issue 13 #2: an open queue reflects, within 5 seconds and without navigation, what happens elsewhere — tasks a
 * supervisor assigns in another window, a list the CLI imports in another process — and a call-back that comes due
 * rises to the top with a badge and a notice naming the customer masked.
 */
test.describe('live screens', () => {
  test('a call-back coming due rises to the top of the open queue, with a badge and a notice', async ({ page, app }) => {
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
    await page.waitForTimeout(16_000);
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
