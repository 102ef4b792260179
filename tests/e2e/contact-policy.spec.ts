import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, startServer, test, type AppServer } from './fixtures';
import { AppShell } from './pages';
import { saveHoldingTheJobEnd } from './pages/configSave';

test.use({ viewport: { width: 1366, height: 768 } });

/**
 * Issue 16 #3: the contact policy is versioned configuration. A supervisor changes the retry spacing on the 联系规则
 * page, previews how many open tasks change callability, saves it (every open task is recomputed) and goes back to
 * version 1. It changes the workspace's rules, so it runs on a workspace of its own.
 */
test.describe('contact rules', () => {
  let server: AppServer;
  let stop: () => Promise<void>;
  test.beforeAll(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rd-e2e-contact-policy-'));
    const started = await startServer(path.join(dir, 'workspace.sqlite'));
    server = started.server;
    stop = async () => {
      started.child.kill('SIGTERM');
      await new Promise((r) => started.child.once('exit', r));
      fs.rmSync(dir, { recursive: true, force: true });
    };
  });
  test.afterAll(async () => stop());

  test('a longer retry spacing: preview, save, the versions list; then back to version 1', async ({ page }, testInfo) => {
    const shell = new AppShell(page);
    await shell.open(server.openUrl);
    await shell.nav.getByRole('link', { name: /^(联系规则|Contact rules)$/ }).click();
    await expect(page.getByTestId('cp-active-version')).toContainText('1');
    await expect(page.getByTestId('cp-save')).toBeDisabled();
    await page.screenshot({ path: testInfo.outputPath('contact-rules-zh.png') });
    await page.getByTestId('cp-group-porting').scrollIntoViewIfNeeded();
    await expect(page.getByTestId('cp-field-unsubscribedDays')).toContainText('0 = 不启用');
    await page.screenshot({ path: testInfo.outputPath('contact-rules-zh-filters.png') });

    // A bad value is refused at its field.
    const spacing = page.getByTestId('cp-input-retryAfterMinutes');
    await spacing.fill('两小时');
    await expect(page.getByTestId('cp-field-retryAfterMinutes')).toContainText('请输入整数');
    await expect(page.getByTestId('cp-preview')).toBeDisabled();

    await spacing.fill('4320');
    await expect(page.getByTestId('cp-field-retryAfterMinutes')).toHaveAttribute('data-changed', 'true');
    await expect(page.getByTestId('cp-field-retryAfterMinutes')).toContainText('现行：120');
    await page.getByTestId('cp-preview').click();
    const result = page.getByTestId('cp-preview-panel').getByTestId('cp-preview-result');
    await expect(result).toBeVisible();
    const changed = Number(await result.getAttribute('data-changed'));
    expect(changed).toBeGreaterThan(0);
    expect((await server.api<{ version: number }>('contact-policy-get')).version).toBe(1);

    await page.getByTestId('cp-save').click();
    const dialog = page.getByTestId('cp-save-dialog');
    await expect(dialog).toContainText('保存为第 2 版');
    await expect(dialog).toContainText('未接通后再拨间隔 120 分钟 → 4,320 分钟');
    await expect(dialog.getByTestId('cp-preview-result')).toHaveAttribute('data-changed', String(changed));
    await dialog.getByTestId('cp-save-confirm').click();
    await expect(page.getByTestId('cp-notice')).toContainText(`已保存为第 2 版，${changed} 个任务`);
    await expect(page.getByTestId('cp-active-version')).toContainText('2');
    const saved = await server.api<{ version: number; policy: { retryAfterMinutes: number } }>('contact-policy-get');
    expect([saved.version, saved.policy.retryAfterMinutes]).toEqual([2, 4320]);

    const versions = page.getByTestId('cp-version');
    await expect(versions).toHaveCount(2);
    await expect(versions.nth(0).getByTestId('cp-version-changes')).toContainText('未接通后再拨间隔 120 分钟 → 4,320 分钟');
    await page.locator('[data-testid="cp-version"][data-version="1"]').getByTestId('cp-activate').click();
    const back = page.getByTestId('cp-activate-dialog');
    await expect(back.getByTestId('cp-preview-result')).toHaveAttribute('data-changed', String(changed));
    await back.getByTestId('cp-activate-confirm').click();
    await expect(page.getByTestId('cp-notice')).toContainText('第 1 版已生效');
    await expect(page.getByTestId('cp-input-retryAfterMinutes')).toHaveValue('120');

    await shell.switchLanguage('en');
    await expect(page.getByRole('heading', { name: 'Contact rules' })).toBeVisible();
    await page.screenshot({ path: testInfo.outputPath('contact-rules-en.png') });
  });

  test('calling hours that end before now say, in the preview, that every call stops on saving', async ({ page }) => {
    const shell = new AppShell(page);
    await shell.open(server.openUrl);
    await shell.nav.getByRole('link', { name: /^(联系规则|Contact rules)$/ }).click();
    // The e2e zone puts now at midday: an end at 11:00 is already past (a supervisor set 12:00 at 12:19, and the
    // preview said only "0 changed", calling hours being the same for every task).
    await page.getByTestId('cp-input-phoneEndMinute').fill('11:00');
    await page.getByTestId('cp-preview').click();
    const panel = page.getByTestId('cp-preview-panel');
    await expect(panel.getByTestId('cp-preview-result')).toBeVisible();
    await expect(panel.getByTestId('cp-hours-now')).toContainText('现在已不能外呼');
    // Hours that still hold now say nothing of it.
    await page.getByTestId('cp-input-phoneEndMinute').fill('20:00');
    await page.getByTestId('cp-preview').click();
    await expect(panel.getByTestId('cp-preview-result')).toBeVisible();
    await expect(panel.getByTestId('cp-hours-now')).toHaveCount(0);
  });

  test('going back to hours that hold now says calls resume, in the preview and once done (it said 0 changed; found by a new supervisor)', async ({ page }) => {
    const shell = new AppShell(page);
    await shell.open(server.openUrl);
    await shell.nav.getByRole('link', { name: /^(联系规则|Contact rules)$/ }).click();
    const from = (await server.api<{ version: number }>('contact-policy-get')).version;
    await page.getByTestId('cp-input-phoneEndMinute').fill('11:00');
    await page.getByTestId('cp-save').click();
    await page.getByTestId('cp-save-dialog').getByTestId('cp-save-confirm').click();
    await expect(page.getByTestId('cp-notice')).toContainText('现在已不能外呼');
    await page.locator(`[data-testid="cp-version"][data-version="${from}"]`).getByTestId('cp-activate').click();
    const back = page.getByTestId('cp-activate-dialog');
    await expect(back.getByTestId('cp-preview-result')).toBeVisible();
    await expect(back.getByTestId('cp-hours-now')).toContainText('现在可以外呼');
    await back.getByTestId('cp-activate-confirm').click();
    await expect(page.getByTestId('cp-notice')).toContainText(`第 ${from} 版已生效`);
    await expect(page.getByTestId('cp-notice')).toContainText('现在可以外呼');
  });

  test('a lower attempt limit counts its closed tasks once, as closing; going back says a higher limit reopens none', async ({ page }, testInfo) => {
    const shell = new AppShell(page);
    await shell.open(server.openUrl);
    await shell.nav.getByRole('link', { name: /^(联系规则|Contact rules)$/ }).click();
    const from = (await server.api<{ version: number; policy: { maxAttempts: number } }>('contact-policy-get')).version;
    await page.getByTestId('cp-input-maxAttempts').fill('1');
    await page.getByTestId('cp-preview').click();
    const result = page.getByTestId('cp-preview-panel').getByTestId('cp-preview-result');
    await expect(result.getByTestId('cp-closing-final')).toBeVisible();
    // The demo's tasks with one attempt close; none of them is also "no longer callable for now".
    await expect(result).toContainText('变为暂不能联系：0');
    await page.getByTestId('cp-save').click();
    await page.getByTestId('cp-save-dialog').getByTestId('cp-save-confirm').click();
    await expect(page.getByTestId('cp-notice')).toContainText('已保存为第');

    await page.locator(`[data-testid="cp-version"][data-version="${from}"]`).getByTestId('cp-activate').click();
    const back = page.getByTestId('cp-activate-dialog');
    await expect(back.getByTestId('cp-preview-result')).toBeVisible();
    await expect(back.getByTestId('cp-limit-raised')).toContainText('最多接触次数从 1 次提高到 3 次');
    await expect(back.getByTestId('cp-closing-final')).toHaveCount(0);
    await page.screenshot({ path: testInfo.outputPath('contact-rules-limit-raised-zh.png') });
    await back.getByTestId('cp-activate-confirm').click();
    await expect(page.getByTestId('cp-notice')).toContainText(`第 ${from} 版已生效`);
  });

  test('the save dialog says what it saves until the recompute ends, though the new version is active meanwhile', async ({ page }) => {
    const shell = new AppShell(page);
    await shell.open(server.openUrl);
    await shell.nav.getByRole('link', { name: /^(联系规则|Contact rules)$/ }).click();
    await page.getByTestId('cp-input-retryAfterMinutes').fill('180');
    await saveHoldingTheJobEnd(page, 'cp', async () => (await server.api<{ version: number }>('contact-policy-get')).version, '未接通后再拨间隔');
  });
});
