import { expect, type Locator, type Page } from '@playwright/test';
import { ImportDialog } from './ImportDialog';

/** The supervisor's work lists: the imported lists with their counts, and the import flow. */
export class WorkListsPage {
  constructor(readonly page: Page) {}

  get table(): Locator {
    return this.page.getByRole('table', { name: /^(已导入的工作清单|Imported work lists)$/ });
  }

  async settled(): Promise<void> {
    await expect(this.table).toHaveAttribute('aria-busy', 'false');
  }

  get rows(): Locator {
    return this.table.getByTestId('list-row');
  }

  /** The row of a list by its exact name. */
  row(name: string): Locator {
    return this.rows.filter({ has: this.page.getByTestId('list-name').getByText(name, { exact: true }) });
  }

  async names(): Promise<string[]> {
    return this.rows.getByTestId('list-name').allInnerTexts();
  }

  async counts(name: string): Promise<{ issued: number; open: number }> {
    const row = this.row(name);
    const num = async (id: string) => Number((await row.getByTestId(id).innerText()).replace(/[^\d]/g, ''));
    return { issued: await num('list-issued'), open: await num('list-open') };
  }

  /** Opens the queue filtered to this list. */
  async viewTasks(name: string): Promise<void> {
    await this.row(name).getByRole('button', { name: /^(查看.*的任务|View the tasks of)/ }).click();
  }

  get importButton(): Locator {
    return this.page.getByRole('button', { name: /^(导入清单|Import work list)$/ }).first();
  }

  async openImport(): Promise<ImportDialog> {
    await this.importButton.click();
    const dialog = new ImportDialog(this.page);
    await expect(dialog.root).toBeVisible();
    return dialog;
  }

  get emptyState(): Locator {
    return this.page.getByRole('status').filter({ hasText: /还没有工作清单|No work lists yet/ });
  }
}
