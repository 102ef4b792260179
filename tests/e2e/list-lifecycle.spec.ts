import { expect, serverOfItsOwn, test } from './fixtures';
import { AppShell, WorkListsPage } from './pages';

type Lists = { items: { id: number; name: string; open: number; closedAt: string | null; dueDate: string | null }[] };

/**
 * Supervisors hand-pick tasks in the queue for one agent, close a list early and move a list's due date.
 * These change the shared demo workspace a lot, so the spec runs on its own.
 */
test.describe('list lifecycle and hand-picked assignment', () => {
  const own = serverOfItsOwn('rd-e2e-lifecycle-');

  test('three tasks picked in the queue go to one agent', async ({ page }) => {
    const app = own.app;
    const shell = new AppShell(page);
    await shell.open(app.openUrl);
    await shell.goTo('queue');
    const rows = page.getByTestId('queue-row');
    await expect(rows.first()).toBeVisible();
    const picked: number[] = [];
    for (const i of [0, 2, 4]) {
      await rows.nth(i).getByTestId('queue-select').click();
      picked.push(Number(await rows.nth(i).getAttribute('data-task-id')));
    }
    await expect(page.getByTestId('queue-selection')).toContainText('3');
    await page.getByTestId('queue-assign').click();
    await page.getByTestId('assign-mode-to').click();
    await page.getByRole('combobox', { name: /^(坐席|Agent)$/ }).click();
    await page.getByRole('option', { name: /^A005 / }).click();
    await page.getByTestId('assign-run').click();
    await expect(page.getByTestId('assign-result')).toContainText('3');
    // Who got how many names the agent as every other screen does, not only by id.
    await expect(page.getByTestId('assign-result')).toContainText('A005 陈静：3 个');
    // The dialog still names the tasks it assigned (it said 0 once the queue's selection was cleared).
    await expect(page.locator('#assign-title')).toContainText('3');
    const mine = await app.api<{ items: { taskId: number }[] }>('queue-list', { limit: 200 }, { as: 'A005' });
    expect(mine.items.map((i) => i.taskId)).toEqual(expect.arrayContaining(picked));
  });

  test('closing a list ends its open tasks; moving a due date into the past expires them', async ({ page }) => {
    const app = own.app;
    const before = (await app.api<Lists>('worklist-list')).items.filter((l) => l.open > 0).sort((a, b) => a.open - b.open);
    const [toClose, toMove] = [before[0]!, before[1]!];
    const shell = new AppShell(page);
    await shell.open(app.openUrl);
    await shell.goTo('lists');
    const lists = new WorkListsPage(page);
    await lists.settled();

    await lists.row(toClose.name).getByTestId('list-more').click();
    await page.getByTestId('list-close').click();
    await expect(page.getByRole('dialog')).toContainText(String(toClose.open));
    await page.getByTestId('close-list-confirm').click();
    await expect(page.getByTestId('close-result')).toBeVisible();
    await page.getByRole('button', { name: /^(关闭|Close)$/ }).click();
    await expect(lists.row(toClose.name).getByTestId('list-closed')).toBeVisible();
    await expect(lists.row(toClose.name).getByTestId('list-more')).toHaveCount(0);
    const closed = (await app.api<Lists>('worklist-list')).items.find((l) => l.id === toClose.id)!;
    expect(closed.closedAt).not.toBeNull();
    expect(closed.open).toBeLessThan(toClose.open);

    await lists.row(toMove.name).getByTestId('list-more').click();
    await page.getByTestId('list-due').click();
    const yesterday = new Date(Date.now() - 86_400_000 * 2).toISOString().slice(0, 10);
    const field = page.getByTestId('due-date').locator('input, [role="group"]').first();
    await field.click();
    await page.keyboard.type(yesterday.replace(/-/g, ''));
    await page.getByTestId('due-save').click();
    await expect(page.getByTestId('due-result')).toBeVisible();
    const moved = (await app.api<Lists>('worklist-list')).items.find((l) => l.id === toMove.id)!;
    expect(moved.dueDate).toBe(yesterday);
    expect(moved.open).toBeLessThan(toMove.open);
  });
});
