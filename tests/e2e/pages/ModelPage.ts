import { expect, type Locator, type Page } from '@playwright/test';

/**
 * The churn model page (supervisors): which model scores customers, the trained versions with their holdout
 * figures, training from a history file, and switching versions. Found by data-testid / data-* attributes so a
 * spec works in either UI language.
 */
export class ModelPage {
  constructor(readonly page: Page) {}

  get navLink(): Locator {
    return this.page.getByRole('navigation').getByRole('link', { name: /^(离网模型|Churn model)$/ });
  }

  async open(): Promise<void> {
    await this.navLink.click();
    await expect(this.navLink).toHaveAttribute('aria-current', 'page');
    await expect(this.activeBanner).toBeVisible();
  }

  /** Says what scores customers now; `data-version` is the active version, empty for the rule score only. */
  get activeBanner(): Locator {
    return this.page.getByTestId('model-active');
  }

  get rows(): Locator {
    return this.page.getByTestId('model-row');
  }
  row(version: number): Locator {
    return this.page.locator(`[data-testid="model-row"][data-version="${version}"]`);
  }
  get activeChips(): Locator {
    return this.page.getByTestId('model-active-chip');
  }

  /** The selected version's figures and charts. */
  get detail(): Locator {
    return this.page.getByTestId('model-detail');
  }
  get aucValue(): Locator {
    return this.detail.getByTestId('model-auc-value');
  }
  get roc(): Locator {
    return this.detail.getByTestId('model-roc');
  }
  /** A chart's drawn line for one series ('model' or 'baseline'). */
  line(chart: Locator, series: 'model' | 'baseline'): Locator {
    return chart.locator(`path.MuiLineChart-line[data-series="${series}"]`);
  }

  // ---- training ----------------------------------------------------------------------------------------------

  get trainDialog(): Locator {
    return this.page.getByTestId('model-train-dialog');
  }
  get trainLabel(): Locator {
    return this.trainDialog.getByTestId('model-train-label');
  }
  get trainSubmit(): Locator {
    return this.trainDialog.getByTestId('model-train-submit');
  }
  get trainError(): Locator {
    return this.trainDialog.getByTestId('model-train-error');
  }

  /** Opens the dialog, chooses the file (browser mode's file input) and waits for the file check. */
  async chooseHistory(filePath: string): Promise<void> {
    if (!(await this.trainDialog.isVisible())) await this.page.getByTestId('model-train').click();
    const chooser = this.page.waitForEvent('filechooser');
    const choose = this.trainDialog.getByTestId('model-train-choose').or(this.trainDialog.getByRole('button', { name: /^(换一个文件|Choose another file)$/ }));
    await choose.first().click();
    await (await chooser).setFiles(filePath);
    await expect(this.trainDialog.getByTestId('model-train-ready').or(this.trainError).first()).toBeVisible({ timeout: 30_000 });
  }

  /** Starts training; resolves when the dialog has closed (success) or shows an error. */
  async train(): Promise<void> {
    await expect(this.trainSubmit).toBeEnabled();
    await this.trainSubmit.click();
    // Success closes the dialog and says so on the page; a failure stays in the dialog with its message.
    await expect(this.trainError.or(this.page.getByTestId('model-trained')).first()).toBeVisible({ timeout: 60_000 });
  }

  // ---- switching ---------------------------------------------------------------------------------------------

  /** "Make active" on a version's row, confirmed; waits until the recompute has finished. */
  async activate(version: number): Promise<void> {
    await this.row(version).getByTestId('model-row-activate').click();
    await this.confirmSwitch();
  }

  async useRuleScoreOnly(): Promise<void> {
    await this.page.getByTestId('model-rule-only').click();
    await this.confirmSwitch();
  }

  private async confirmSwitch(): Promise<void> {
    const confirm = this.page.getByTestId('model-confirm');
    await expect(confirm).toBeVisible();
    await confirm.getByTestId('model-confirm-ok').click();
    await expect(this.page.getByTestId('model-recomputed')).toBeVisible({ timeout: 30_000 });
  }
}
