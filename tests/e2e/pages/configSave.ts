import { expect, type Page } from '@playwright/test';

/**
 * Saves the change already made on a configuration page (risk rules `rc`, contact rules `cp`) and checks that the
 * save dialog keeps saying what it saves — its version and its change — until the recompute ends, though the new
 * version is active before that. The page learns that the job ended by asking (`job-get`): those answers are held
 * while the save itself is done and the page's own figures follow the new version.
 */
export async function saveHoldingTheJobEnd(page: Page, prefix: 'rc' | 'cp', activeVersion: () => Promise<number>, changeText: string): Promise<void> {
  await page.getByTestId(`${prefix}-save`).click();
  const dialog = page.getByTestId(`${prefix}-save-dialog`);
  await expect(dialog).toContainText(/保存为第 \d+ 版/);
  const title = /保存为第 \d+ 版/.exec((await dialog.textContent()) ?? '')![0];
  const version = Number(/\d+/.exec(title)![0]);
  await expect(dialog).toContainText(changeText);
  await expect(dialog.getByTestId(`${prefix}-save-confirm`)).toBeEnabled(); // its preview done
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route('**/api/job-get', async (route) => {
    await held;
    await route.continue();
  });
  await dialog.getByTestId(`${prefix}-save-confirm`).click();
  await expect.poll(activeVersion).toBe(version);
  await expect(page.getByTestId(`${prefix}-active-version`)).toContainText(String(version));
  await expect(dialog).toContainText(title);
  await expect(dialog).toContainText(changeText);
  await expect(page.getByText('预演之后规则又改过了')).toHaveCount(0);
  release(); // the route stays: from now on it lets every answer through at once
  await expect(page.getByTestId(`${prefix}-notice`)).toContainText(`已保存为第 ${version} 版`);
  await expect(dialog).toHaveCount(0);
}
