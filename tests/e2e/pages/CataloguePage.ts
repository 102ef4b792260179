import { expect, type Download, type Locator, type Page } from '@playwright/test';

/**
 * The supervisors' offers and tariff plans (nav "政策与资费 / Offers & plans"): two tabs with a table each, the
 * edit dialogs and the workbook import. Rows and counts are found by data-* attributes, so specs work in
 * either UI language; texts a user reads are matched in both.
 */
export class CataloguePage {
  constructor(readonly page: Page) {}

  get navLink(): Locator {
    return this.page.getByRole('navigation').getByRole('link', { name: /^(政策与资费|Offers & plans)$/ });
  }

  async open(): Promise<void> {
    await this.navLink.click();
    await expect(this.page.getByTestId('catalogue-page')).toBeVisible();
    await expect(this.offerRows.first()).toBeVisible();
  }

  async showTab(kind: 'offers' | 'plans'): Promise<void> {
    await this.page.getByTestId(`tab-${kind}`).click();
    await expect(this.page.getByTestId(kind === 'offers' ? 'offers-table' : 'plans-table')).toBeVisible();
  }

  get search(): Locator {
    return this.page.getByTestId('catalogue-search');
  }

  get offerRows(): Locator {
    return this.page.getByTestId('offer-row');
  }
  offerRow(code: string): Locator {
    return this.page.locator(`[data-testid="offer-row"][data-code="${code}"]`);
  }
  planRow(code: string): Locator {
    return this.page.locator(`[data-testid="plan-row"][data-code="${code}"]`);
  }

  // ---- edit dialogs ------------------------------------------------------------------------------------------

  get offerDialog(): Locator {
    return this.page.getByTestId('offer-dialog');
  }
  get planDialog(): Locator {
    return this.page.getByTestId('plan-dialog');
  }

  async editOffer(code: string): Promise<Locator> {
    await this.offerRow(code).getByTestId('offer-edit').click();
    await expect(this.offerDialog).toBeVisible();
    return this.offerDialog;
  }

  async newItem(): Promise<void> {
    await this.page.getByTestId('catalogue-new').click();
  }

  /** Toggles an offer's or plan's active switch in its row and waits until the row shows the new state. */
  async toggleActive(row: Locator): Promise<void> {
    const before = await row.getAttribute('data-active');
    await row.locator('[data-testid$="-active-toggle"]').click();
    await expect(row).toHaveAttribute('data-active', before === 'true' ? 'false' : 'true');
  }

  // ---- files -------------------------------------------------------------------------------------------------

  /** Clicks a download button (export / blank template) and returns the browser's download. */
  async download(which: 'export' | 'template'): Promise<Download> {
    const download = this.page.waitForEvent('download');
    await this.page.getByTestId(`catalogue-${which}`).click();
    return download;
  }

  get importDialog(): Locator {
    return this.page.getByTestId('catalogue-import-dialog');
  }

  /** Opens the import, chooses the file and waits for the check (rows rejected), the result or an error. */
  async importFile(filePath: string, opts: { again?: boolean } = {}): Promise<void> {
    if (!opts.again) {
      await this.page.getByTestId('catalogue-import').click();
      await expect(this.importDialog).toBeVisible();
    }
    const chooser = this.page.waitForEvent('filechooser');
    await (opts.again
      ? this.importDialog.getByRole('button', { name: /^(换一个文件|Choose another file)$/ })
      : this.importDialog.getByTestId('catalogue-import-choose')
    ).click();
    await (await chooser).setFiles(filePath);
    await expect(this.importCheck.or(this.importResult).or(this.importError).first()).toBeVisible();
  }

  get importCheck(): Locator {
    return this.importDialog.getByTestId('catalogue-import-check');
  }
  get importResult(): Locator {
    return this.importDialog.getByTestId('catalogue-import-result');
  }
  get importError(): Locator {
    return this.importDialog.getByTestId('catalogue-import-error');
  }
  /** Problem rows with their 1-based row number (data-row) and catalogue field (data-field). */
  get issueRows(): Locator {
    return this.importDialog.getByTestId('issue-row');
  }

  async chooseOnRejected(choice: 'import-valid' | 'import-nothing'): Promise<void> {
    const name = choice === 'import-valid' ? /导入其余|Import the .* valid rows/ : /全部不导入|Import nothing/;
    await this.importDialog.getByRole('radio', { name }).check();
    await this.importDialog.getByTestId('catalogue-import-submit').click();
    await expect(this.importResult).toBeVisible();
  }

  async resultCounts(): Promise<{ read: number; added: number; updated: number; unchanged: number; rejected: number }> {
    const n = async (id: string) => Number(await this.importResult.getByTestId(`result-${id}`).getAttribute('data-value'));
    return { read: await n('read'), added: await n('added'), updated: await n('updated'), unchanged: await n('unchanged'), rejected: await n('rejected') };
  }

  async closeImport(): Promise<void> {
    await this.importDialog.getByTestId('catalogue-import-close').click();
    await expect(this.importDialog).toHaveCount(0);
  }
}
