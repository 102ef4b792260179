import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, serverOfItsOwn, startServer, test } from './fixtures';
import { AppShell, HallPage } from './pages';

/** docs/product.md §8: local sign-in per agent; the demo lists its accounts; a real workspace starts by creating the supervisor. */
test.describe('sign-in', () => {
  test('a wrong PIN is refused in plain words; the demo accounts fill the form; sign-out returns to the sign-in page', async ({ page, app }) => {
    const shell = new AppShell(page);
    await shell.open(app.openUrl, { as: null });
    await expect(page.getByTestId('demo-accounts')).toContainText('A001');
    await shell.signIn('A001', '000000');
    await expect(shell.signInError).toContainText(/工号或 PIN 码不正确|Wrong agent ID or PIN/);
    await page.getByTestId('demo-accounts').getByRole('button').filter({ hasText: 'A001' }).click();
    await page.getByTestId('signin-submit').click();
    await expect(page.getByTestId('signed-in')).toContainText(/坐席|Agent/);
    await expect(new HallPage(page).numberInput).toBeFocused();
    await shell.signOut();
    await page.reload();
    await expect(shell.signInPage).toBeVisible(); // the session does not come back with a reload after sign-out
  });

  test('30 minutes without a key or a click signs the page out, however busy colleagues keep it; a key press restarts the wait (a busy desk kept an unattended counter PC signed in; found by a security review)', async ({ page, app }) => {
    await page.clock.install();
    const shell = new AppShell(page);
    await shell.open(app.openUrl, { as: 'A001' });
    const hall = new HallPage(page);
    await expect(hall.numberInput).toBeFocused();
    // 20 minutes, during which others log outcomes (a supervisor, whose calls are on anyone's customers): the page refetches what they change, which the backend took as
    // this agent's activity.
    const { items } = await app.api<{ items: { taskId: number }[] }>('queue-list', { offset: 30, limit: 4 }, { as: 'S001' });
    for (const { taskId } of items) {
      await page.clock.fastForward('05:00');
      const card = await app.api<{ customer: { ref: string } }>('customer-lookup', { taskId, channel: 'phone' }, { as: 'S001' });
      await app.api('attempt-log', { ref: card.customer.ref, channel: 'phone', disposition: 'no_answer' }, { as: 'S001' });
    }
    await page.keyboard.press('Shift'); // the agent is back: the wait starts again
    await page.clock.fastForward('25:00');
    await expect(page.getByTestId('signed-in')).toBeVisible();
    await page.clock.fastForward('05:30');
    await expect(shell.signInPage).toBeVisible();
    await expect(page.getByTestId('signin-session-ended')).toContainText(/长时间无操作，已自动退出|signed out after a while without activity/);
    // Ended on the server too: the token the page held is no longer a session.
    await page.reload();
    await expect(shell.signInPage).toBeVisible();
  });

  test('switching the language on the sign-in page gives the focus back to the form: an id typed next goes into its field (found by a new agent)', async ({ page, app }) => {
    const shell = new AppShell(page);
    await shell.open(app.openUrl, { as: null });
    await shell.switchLanguage('en');
    await page.keyboard.type('A001');
    await expect(page.getByTestId('signin-agent')).toHaveValue('A001');
    await shell.switchLanguage('zh-CN');
    await page.keyboard.type('123456');
    await expect(page.getByTestId('signin-pin')).toHaveValue('123456');
  });

  test('five wrong PINs lock the id, and the screen says for how long', async ({ page, app }) => {
    const shell = new AppShell(page);
    await shell.open(app.openUrl, { as: null });
    // An id nobody else uses in these tests (an unknown id is answered, and locked, as a known one).
    for (let i = 0; i < 4; i++) {
      await shell.signIn('Z901', '000000');
      await expect(shell.signInError).toContainText('工号或 PIN 码不正确');
    }
    await shell.signIn('Z901', '000000');
    await expect(shell.signInError).toContainText('请 5 分钟后再试');
  });

  test('a new real workspace asks for the supervisor account first, then opens the (empty) desk', async ({ page }) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rd-e2e-real-'));
    const { server, child } = await startServer(path.join(dir, 'real.sqlite'), ['--no-demo']);
    try {
      await page.goto(server.openUrl);
      await expect(page.getByRole('heading', { name: /创建主管账号|Create the supervisor account/ })).toBeVisible();
      await expect(page.getByTestId('demo-accounts')).toHaveCount(0);
      await page.getByLabel(/^(工号|Agent ID)/).fill('S100');
      await page.getByLabel(/^(姓名|Name)/).fill('王主管');
      await page.getByLabel(/^(PIN 码|PIN)$/).fill('111111');
      await page.getByLabel(/^(再次输入 PIN 码|PIN again)/).fill('111111');
      await page.getByRole('button', { name: /创建并登录|Create and sign in/ }).click();
      await expect(page.getByRole('alert')).toContainText(/太简单|too easy/);
      await page.getByLabel(/^(PIN 码|PIN)$/).fill('804213');
      await page.getByLabel(/^(再次输入 PIN 码|PIN again)/).fill('804213');
      await page.getByRole('button', { name: /创建并登录|Create and sign in/ }).click();
      await expect(page.getByTestId('signed-in')).toContainText(/主管|Supervisor/);
      await expect(new AppShell(page).navLink('lists')).toBeVisible();
    } finally {
      child.kill('SIGTERM');
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

test.describe('accounts', () => {
  test('the supervisor creates an agent account, and the new agent signs in with it', async ({ page, app }) => {
    const shell = new AppShell(page);
    await shell.open(app.openUrl);
    await shell.goTo('accounts');
    await page.getByTestId('account-new').click();
    // An id already taken is said as it is typed, and cannot be saved over that account.
    await page.getByTestId('account-id').fill('A001');
    await expect(page.getByRole('dialog')).toContainText('工号 A001 已经有账号（王晓燕）');
    await page.getByTestId('account-name').fill('周新');
    await page.getByTestId('account-pin').fill('639027');
    await expect(page.getByTestId('account-save')).toBeDisabled();
    await page.getByTestId('account-id').fill('A200');
    await page.getByTestId('account-name').fill('周新');
    await page.getByTestId('account-pin').fill('639027');
    await page.getByTestId('account-save').click();
    await expect(page.locator('[data-testid="account-row"][data-account="A200"]')).toContainText('周新');
    await shell.signOut();
    await shell.signIn('A200', '639027');
    await expect(page.getByTestId('signed-in')).toContainText('周新');
    await expect(shell.navLink('accounts')).toHaveCount(0);
  });
});

/**
 * A supervisor's change ends an agent's sessions (docs/product.md §8). The agent's screen said 长时间无操作 seconds after
 * their last call (found by a new user); it now says what happened. A workspace of its own: PINs change.
 */
test.describe('a session a supervisor ended', () => {
  const own = serverOfItsOwn('rd-e2e-ended-');

  test('a PIN reset says so and keeps the outcome for the new PIN; a turned-off account says so and keeps nothing', async ({ page }) => {
    const app = own.app;
    const shell = new AppShell(page);
    await shell.open(app.openUrl, { as: 'A001' });
    const hall = new HallPage(page);
    expect(await hall.lookup(app.demoNumbers(1)[0]!)).toBe('card');
    await hall.logPanel.focus();
    await page.keyboard.press('2'); // 拒绝
    await page.keyboard.press('1'); // 资费
    await app.api('agent-reset-pin', { id: 'A001', pin: '582046' });
    await page.keyboard.press('Enter');
    await expect(shell.signInPage).toBeVisible();
    const ended = page.getByTestId('signin-session-ended');
    await expect(ended).toHaveText('主管重置了您的 PIN 码，已退出登录。请用新的 PIN 码登录。未保存的接触结果已为您保留：用同一工号重新登录即可接着填写。');
    await expect(page.getByTestId('signin-agent')).toHaveValue('A001');
    await page.getByTestId('signin-pin').fill('582046');
    await page.keyboard.press('Enter');
    await expect(hall.dispositionButton('declined')).toHaveAttribute('aria-pressed', 'true');

    await app.api('agent-save', { id: 'A001', name: '王芳', role: 'agent', hall: null, active: false });
    // The page may hear of it at once (the event stream) and sign out before the save is tried: then there is no
    // panel to press Enter in (CI's run waited a minute for one). Either way the outcome is said gone.
    if (await hall.logPanel.isVisible()) {
      await hall.logPanel.focus({ timeout: 2_000 }).catch(() => undefined);
      if (await hall.logPanel.isVisible()) await page.keyboard.press('Enter');
    }
    // What was put in is gone with the account, and said so (it vanished without a word).
    await expect(ended).toHaveText('您的账号已被主管停用，已退出登录。如有疑问请联系主管。未保存的接触结果没有保留。');
    await expect(ended).toHaveAttribute('data-ended-by', 'account-off');
    await expect(page.getByTestId('signin-agent')).toHaveValue('');
  });

  test('turning off an agent with open tasks says they stay with the agent and nobody calls them, before saving', async ({ page }) => {
    const app = own.app;
    const shell = new AppShell(page);
    await shell.open(app.openUrl, { as: 'S001' });
    await shell.goTo('accounts');
    const row = page.locator('[data-testid="account-row"][data-account="A002"]');
    await row.getByRole('button', { name: '编辑' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByTestId('account-off-open-tasks')).toHaveCount(0);
    await dialog.getByLabel('允许登录').click();
    await expect(dialog.getByTestId('account-off-open-tasks')).toContainText(/^A002 还有 \d+ 个在办任务。停用后这些任务仍在 A002 名下、没有人会打/);
    await dialog.getByRole('button', { name: '取消' }).click();
  });
});

/** renderer/src/app/theme.ts: the app follows the system's animation setting (Windows: Animation effects). */
test.describe('animations follow the system', () => {
  for (const [motion, still] of [['reduce', true], ['no-preference', false]] as const) {
    test(`${still ? 'turned off' : 'on'} in the system: a menu ${still ? 'opens without growing' : 'grows open'} and a click ${still ? 'leaves no ripple' : 'ripples'}`, async ({ browser, app }) => {
      const context = await browser.newContext({ reducedMotion: motion });
      const page = await context.newPage();
      try {
        const shell = new AppShell(page);
        await shell.open(app.openUrl, { as: 'S001' });
        await shell.goTo('lists');
        const button = page.getByRole('button', { name: /^(模板与目录|Templates)$/ });
        await button.click();
        const menu = page.getByRole('menu');
        await expect(menu).toBeVisible();
        // The menu's paper carries its Grow transition inline: "none" when the system asks for no motion.
        const transition = await menu.locator('xpath=ancestor::div[contains(@class, "MuiPaper-root")][1]').evaluate((el) => el.ownerDocument.defaultView!.getComputedStyle(el).transitionDuration);
        if (still) expect(transition).toBe('0s');
        else expect(transition).not.toBe('0s');
        await page.keyboard.press('Escape');
        await expect(menu).toBeHidden();
        // The click's ripple: MUI puts its layer in the button on the first press.
        await expect(button.locator('.MuiTouchRipple-root')).toHaveCount(still ? 0 : 1);
      } finally {
        await context.close();
      }
    });
  }
});
