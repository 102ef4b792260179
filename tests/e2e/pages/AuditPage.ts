import { expect, type Locator, type Page } from '@playwright/test';

/** The supervisor's audit log (and data retention) page. Names match in both UI languages. */
export class AuditPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    const link = this.page.getByRole('navigation').getByRole('link', { name: /^(审计日志|Audit log)$/ });
    await link.click();
    await expect(link).toHaveAttribute('aria-current', 'page');
    await this.settled();
  }

  get table(): Locator {
    return this.page.getByRole('table', { name: /^(审计日志|Audit log)$/ });
  }

  async settled(): Promise<void> {
    await expect(this.table).toHaveAttribute('aria-busy', 'false');
  }

  get rows(): Locator {
    return this.table.getByTestId('audit-row');
  }

  /** Chooses actions in the action filter (by code), then closes its menu. */
  async filterActions(...codes: string[]): Promise<void> {
    await this.page.getByTestId('audit-filter-actions').click();
    for (const code of codes) await this.page.locator(`[data-testid="audit-action-option"][data-action="${code}"]`).click();
    await this.page.keyboard.press('Escape');
    await this.settled();
  }

  /** Types in the target filter and waits until it has been applied (it waits for a pause in typing). */
  async filterText(text: string): Promise<void> {
    await this.page.getByTestId('audit-filter-text').fill(text);
    await expect(this.page.getByTestId('audit-results')).toHaveAttribute('data-text-filter', text.trim());
    await this.settled();
  }

  /** Exports what the filters show; the path of the downloaded file. */
  async export(): Promise<string> {
    const download = this.page.waitForEvent('download');
    await this.page.getByTestId('audit-export').click();
    const path = await (await download).path();
    if (!path) throw new Error('no download');
    return path;
  }
}
