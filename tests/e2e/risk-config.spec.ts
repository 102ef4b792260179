import type { Page } from '@playwright/test';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, startServer, test, type AppServer } from './fixtures';
import { AppShell } from './pages';
import { saveHoldingTheJobEnd } from './pages/configSave';

type Level = 'high' | 'medium' | 'low' | 'stable';
type Lookup = { found: true; risk: { level: Level; score: number } } | { found: false };

test.use({ viewport: { width: 1366, height: 768 } });

/**
 * docs/product.md §4.1: the rule score's points and bounds are versioned configuration. A supervisor previews a change,
 * saves it (everyone is recomputed, the queue follows) and can go back to an earlier version.
 * The journey changes the workspace's rules, so it runs on a workspace of its own.
 */
test('edited rules are asked about before the menu leaves the page, on the risk and the contact rules alike (they were dropped without a word)', async ({ page, app }) => {
  const shell = new AppShell(page);
  await shell.open(app.openUrl);
  await shell.goTo('risk');
  const high = page.getByTestId('rc-input-levels.mediumMax');
  const active = await high.inputValue();
  await high.fill(String(Number(active) - 2));
  await shell.navLink('audit').click();
  const dialog = page.getByTestId('unsaved-dialog');
  await expect(dialog).toHaveAttribute('data-kind', 'settings');
  await expect(dialog).toContainText('改过的设置还没保存');
  await expect(dialog).toContainText('离开本页，改过的设置都会丢掉。要保留，请回到本页点“保存并重新计算”（标红的项要先改对，按钮才能点）。');
  await page.keyboard.press('Enter'); // 回去保存, the default
  await expect(dialog).toBeHidden();
  await expect(high).toHaveValue(String(Number(active) - 2));
  await expect(shell.navLink('risk')).toHaveAttribute('aria-current', 'page');
  // Leaving without saving drops the edit, as asked.
  await shell.navLink('audit').click();
  await page.getByTestId('unsaved-leave').click();
  await expect(shell.navLink('audit')).toHaveAttribute('aria-current', 'page');
  await shell.goTo('risk');
  await expect(high).toHaveValue(active);
  // Nothing edited: the menu goes at once.
  await shell.goTo('audit');
  await expect(dialog).toBeHidden();

  // Filling in the defaults, or loading a version, over edits asks first too (both replaced them without a word).
  await shell.goTo('risk');
  await high.fill(String(Number(active) - 2));
  await page.getByTestId('rc-reset-defaults').click();
  const replace = page.getByTestId('replace-edits-dialog');
  await expect(replace).toContainText('表单里改过的设置还没保存，这样做会替换掉它们。');
  await page.getByTestId('replace-edits-cancel').click();
  await expect(high).toHaveValue(String(Number(active) - 2));
  const activeVersion = page.locator('[data-testid="rc-version"][data-active="true"]');
  await activeVersion.getByTestId('rc-load').click();
  await page.getByTestId('replace-edits-confirm').click();
  await expect(high).toHaveValue(active);
  await activeVersion.getByTestId('rc-load').click(); // nothing edited now: no question
  await expect(replace).toBeHidden();
  await shell.goTo('audit');
  await expect(dialog).toBeHidden();

  await shell.nav.getByRole('link', { name: /^(联系规则|Contact rules)$/ }).click();
  await page.getByTestId('cp-input-retryAfterMinutes').fill('180');
  await page.getByTestId('sign-out').click();
  await expect(dialog).toHaveAttribute('data-kind', 'settings');
  await page.getByTestId('unsaved-stay').click();
  await expect(page.getByTestId('cp-input-retryAfterMinutes')).toHaveValue('180');
  await page.getByTestId('cp-discard').click();
  await shell.goTo('audit');
  await expect(dialog).toBeHidden();

  // The session ending by itself cannot ask: the sign-in screen says the edit is gone (it said only "sign in again").
  await shell.nav.getByRole('link', { name: /^(联系规则|Contact rules)$/ }).click();
  await page.getByTestId('cp-input-retryAfterMinutes').fill('180');
  await shell.endSessionOnServer(app);
  await page.getByTestId('cp-preview').click();
  await expect(shell.signInPage).toBeVisible();
  await expect(page.getByTestId('signin-session-ended')).toHaveText('长时间无操作，已自动退出。改过的设置没有保存，已经丢弃：重新登录后请再改一次。');
});

test.describe('risk rules', () => {
  let server: AppServer;
  let stop: () => Promise<void>;
  test.beforeAll(async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rd-e2e-risk-config-'));
    const started = await startServer(path.join(dir, 'workspace.sqlite'));
    server = started.server;
    stop = async () => {
      started.child.kill('SIGTERM');
      await new Promise((r) => started.child.once('exit', r));
      fs.rmSync(dir, { recursive: true, force: true });
    };
  });
  test.afterAll(async () => stop());

  const level = async (msisdn: string) => {
    const card = await server.api<Lookup>('customer-lookup', { msisdn });
    if (!card.found) throw new Error(`${msisdn} not found`);
    return card.risk.level;
  };
  const queueTotal = async (l: Level) => (await server.api<{ total: number }>('queue-list', { level: l, limit: 1 })).total;

  test('lowering the high-risk bound: preview, save, the card and queue follow; then back to version 1', async ({ page }) => {
    // A customer in the queue who is medium now with a score above 16: lowering the high bound to 16 makes them high.
    const db = new Database(server.dbPath, { readonly: true });
    const msisdn = String(
      db
        .prepare("SELECT sc.msisdn FROM subscriber_scores sc JOIN tasks t ON t.msisdn = sc.msisdn AND t.closed_at IS NULL WHERE sc.level = 'medium' AND sc.score > 16 LIMIT 1")
        .pluck()
        .get(),
    );
    db.close();
    expect(await level(msisdn)).toBe('medium');
    const highBefore = await queueTotal('high');

    const shell = new AppShell(page);
    await shell.open(server.openUrl);
    await shell.nav.getByRole('link', { name: /^(风险规则|Risk rules)$/ }).click();
    await expect(page.getByTestId('rc-active-version')).toContainText('1');
    await expect(page.getByTestId('rc-save')).toBeDisabled(); // nothing changed yet

    // A bad value is refused at its field, and nothing can be saved until it is fixed.
    const high = page.getByTestId('rc-input-levels.mediumMax');
    await high.fill('10');
    await expect(page.getByTestId('rc-field-levels.mediumMax')).toHaveAttribute('data-error', 'true');
    await expect(page.getByTestId('rc-field-levels.mediumMax')).toContainText(/必须大于“中危：分数高于”/);
    await expect(page.getByTestId('rc-save')).toBeDisabled();
    await expect(page.getByTestId('rc-preview')).toBeDisabled();

    await high.fill('16');
    await expect(page.getByTestId('rc-field-levels.mediumMax')).toHaveAttribute('data-changed', 'true');
    await expect(page.getByTestId('rc-field-levels.mediumMax')).toContainText('现行：20');
    await expect(page.getByTestId('rc-ladder-high')).toContainText('> 16');

    await page.getByTestId('rc-preview').click();
    const result = page.getByTestId('rc-preview-result');
    await expect(result.getByTestId('rc-summary')).toBeVisible();
    const toHigh = Number(await result.getByTestId('rc-cell-medium-high').getAttribute('data-count'));
    expect(toHigh).toBeGreaterThan(0);
    const totalHigh = result.getByTestId('rc-total-high');
    expect(Number(await totalHigh.getAttribute('data-after'))).toBe(Number(await totalHigh.getAttribute('data-before')) + toHigh);
    const queueHighAfter = Number(await totalHigh.getAttribute('data-queue-after'));
    expect(Number(await totalHigh.getAttribute('data-queue-before'))).toBe(highBefore);
    expect(queueHighAfter).toBeGreaterThan(highBefore);
    // Nothing is saved by a preview.
    expect(await level(msisdn)).toBe('medium');
    expect((await server.api<{ version: number }>('risk-config-get')).version).toBe(1);

    await page.getByTestId('rc-save').click();
    const dialog = page.getByTestId('rc-save-dialog');
    await expect(dialog).toContainText('保存为第 2 版');
    await expect(dialog).toContainText('高危：分数高于 20 分 → 16 分');
    await expect(dialog.getByTestId('rc-cell-medium-high')).toHaveAttribute('data-count', String(toHigh));
    await dialog.getByTestId('rc-save-confirm').click();
    await expect(page.getByTestId('rc-notice')).toContainText('已保存为第 2 版');
    await expect(dialog).toHaveCount(0);
    await expect(page.getByTestId('rc-active-version')).toContainText('2');

    // The card and the queue follow the saved rules, exactly as previewed.
    expect(await level(msisdn)).toBe('high');
    expect(await queueTotal('high')).toBe(queueHighAfter);

    // The versions panel: version 2 (active, what changed) above version 1 (the defaults).
    const versions = page.getByTestId('rc-version');
    await expect(versions).toHaveCount(2);
    await expect(versions.nth(0)).toHaveAttribute('data-active', 'true');
    await expect(versions.nth(0)).toContainText('S001');
    await expect(versions.nth(0).getByTestId('rc-version-changes')).toContainText('高危：分数高于 20 分 → 16 分');
    const v1 = page.locator('[data-testid="rc-version"][data-version="1"]');
    await v1.getByTestId('rc-activate').click();
    const confirm = page.getByTestId('rc-activate-dialog');
    // Going back says what it changes against the active rules, as the save did.
    await expect(confirm.getByTestId('rc-activate-changes')).toContainText('高危：分数高于 16 分 → 20 分');
    await expect(confirm.getByTestId('rc-cell-high-medium')).toHaveAttribute('data-count', String(toHigh));
    await confirm.getByTestId('rc-activate-confirm').click();
    await expect(page.getByTestId('rc-notice')).toContainText('第 1 版已生效');
    await expect(page.getByTestId('rc-active-version')).toContainText('1');
    await expect(v1).toHaveAttribute('data-active', 'true');
    await expect(page.getByTestId('rc-input-levels.mediumMax')).toHaveValue('20');

    expect((await server.api<{ version: number }>('risk-config-get')).version).toBe(1);
    expect(await level(msisdn)).toBe('medium');
    expect(await queueTotal('high')).toBe(highBefore);
  });

  test('the save dialog says what it saves until the recompute ends, though the new version is active meanwhile', async ({ page }) => {
    const shell = new AppShell(page);
    await shell.open(server.openUrl);
    await shell.nav.getByRole('link', { name: /^(风险规则|Risk rules)$/ }).click();
    await page.getByTestId('rc-input-levels.mediumMax').fill('17');
    await saveHoldingTheJobEnd(page, 'rc', async () => (await server.api<{ version: number }>('risk-config-get')).version, '高危：分数高于');
  });
  type Rules = { version: number; config: { levels: Record<string, number> } & Record<string, unknown> };
  /** The risk page with 中危 typed one lower and not saved, while another supervisor saves 低危 one lower (through the API). */
  async function editWhileAnotherSaves(page: Page) {
    const shell = new AppShell(page);
    await shell.open(server.openUrl);
    await shell.goTo('risk');
    const medium = page.getByTestId('rc-input-levels.mediumMax');
    const low = page.getByTestId('rc-input-levels.lowMax');
    const before = { medium: Number(await medium.inputValue()), low: Number(await low.inputValue()) };
    await medium.fill(String(before.medium - 1));
    const current = await server.api<Rules>('risk-config-get', {});
    const job = await server.api<{ id: string }>('risk-config-save', { config: { ...current.config, levels: { ...current.config.levels, lowMax: before.low - 1 } } });
    await expect.poll(async () => (await server.api<{ state: string }>('job-get', { jobId: job.id })).state, { timeout: 20_000 }).toBe('done');
    return { medium, low, before, current };
  }
  test('edits typed in one window stay when another supervisor saves other rules meanwhile, on top of their version (they were dropped without a word)', async ({ page }) => {
    const { medium, low, before } = await editWhileAnotherSaves(page);
    await expect(page.getByTestId('rc-notice')).toContainText('您还没保存的修改仍在表单里');
    await expect(medium).toHaveValue(String(before.medium - 1));
    await expect(low).toHaveValue(String(before.low - 1));
  });
  test('a save made on a version another supervisor replaced meanwhile, unseen (its event lost), is refused and the form moves onto it with the edits', async ({ page }) => {
    // No change events reach this window: the page stays on the version it opened on.
    await page.route('**/api/events', (route) => route.abort());
    const { medium, low, before, current } = await editWhileAnotherSaves(page);
    await expect(low).toHaveValue(String(before.low)); // unseen here
    await page.getByTestId('rc-save').click();
    const dialog = page.getByTestId('rc-save-dialog');
    await dialog.getByTestId('rc-save-confirm').click();
    await expect(dialog).toContainText(`第 ${current.version + 1} 版已在别处生效`);
    // Nothing saved over the other's change; the form is now on their version, with this window's edit kept.
    expect((await server.api<Rules>('risk-config-get', {})).version).toBe(current.version + 1);
    await expect(low).toHaveValue(String(before.low - 1));
    await expect(medium).toHaveValue(String(before.medium - 1));
  });
});
