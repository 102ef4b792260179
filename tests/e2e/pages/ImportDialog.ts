import { expect, type Locator, type Page } from '@playwright/test';

export interface CheckCounts {
  valid: number;
  rejected: number;
  warnings: number;
}

export interface ImportResultCounts {
  read: number;
  imported: number;
  rejected: number;
  warnings: number;
  newSubscribers: number;
  updatedSubscribers: number;
  newTasks: number;
  joinedOpenTasks: number;
}

/**
 * The full-screen import flow: choose a file → reading → review (columns, check, list details, the choice) →
 * importing → result. Numbers are read from data-value attributes, so specs work in either UI language.
 */
export class ImportDialog {
  constructor(readonly page: Page) {}

  get root(): Locator {
    return this.page.getByTestId('import-dialog');
  }

  get chooseButton(): Locator {
    return this.root.getByTestId('import-choose');
  }

  /** Browser mode: the page opens its file input; Playwright answers the file chooser with `filePath`. */
  async chooseFile(filePath: string): Promise<void> {
    const chooser = this.page.waitForEvent('filechooser');
    await this.chooseButton.click();
    await (await chooser).setFiles(filePath);
  }

  /** Chooses the file and waits for the first check (or an error / the password form). */
  async load(filePath: string): Promise<void> {
    await this.chooseFile(filePath);
    await expect(this.check.or(this.error).or(this.passwordInput).first()).toBeVisible({ timeout: 30_000 });
  }

  get progress(): Locator {
    return this.root.getByTestId('import-progress');
  }
  get cancelButton(): Locator {
    return this.root.getByTestId('import-cancel');
  }
  get error(): Locator {
    return this.root.getByTestId('import-error');
  }
  get passwordInput(): Locator {
    return this.root.getByTestId('import-password');
  }

  async submitPassword(password: string): Promise<void> {
    await this.passwordInput.fill(password);
    await this.passwordInput.press('Enter');
  }

  // ---- review ------------------------------------------------------------------------------------------------

  get check(): Locator {
    return this.root.getByTestId('import-check');
  }

  /** Waits until no re-check is running, then reads the three counts. */
  async checkCounts(): Promise<CheckCounts> {
    await expect(this.check).toHaveAttribute('aria-busy', 'false');
    const n = async (id: string) => Number(await this.check.getByTestId(id).getAttribute('data-value'));
    return { valid: await n('check-valid'), rejected: await n('check-rejected'), warnings: await n('check-warnings') };
  }

  get issueRows(): Locator {
    return this.root.getByTestId('issue-row');
  }
  /** Rows rejected by the check (errors), as shown in the issues table. */
  get rejectedIssueRows(): Locator {
    return this.root.locator('[data-testid="issue-row"][data-severity="error"]');
  }

  get downloadIssuesButton(): Locator {
    return this.root.getByTestId('issues-download');
  }

  get mappingRows(): Locator {
    return this.root.getByTestId('mapping-row');
  }
  mappingRow(letter: string): Locator {
    return this.root.locator(`[data-testid="mapping-row"][data-column="${letter}"]`);
  }

  /** The target chosen for a column: "field:msisdn", "extra" or "ignore". */
  async target(letter: string): Promise<string | null> {
    return this.mappingRow(letter).getByTestId('mapping-target').getAttribute('data-target');
  }
  /** How a column was matched: alias | profile | unmatched | user. */
  async how(letter: string): Promise<string | null> {
    return this.mappingRow(letter).locator('[data-how]').getAttribute('data-how');
  }

  /** Picks a target from the column's menu by its visible label (e.g. /不导入|Ignore/ or /^套餐$|^Plan$/). */
  async setTarget(letter: string, option: RegExp): Promise<void> {
    await this.mappingRow(letter).getByRole('combobox').click();
    // The menu is long (every canonical field): wait for it, then bring the wanted option into view.
    const listbox = this.page.getByRole('listbox');
    await expect(listbox).toBeVisible();
    const choice = listbox.getByRole('option', { name: option }).first();
    await choice.scrollIntoViewIfNeeded();
    await choice.click();
    await expect(this.page.getByRole('listbox')).toHaveCount(0);
  }

  get headerRowInput(): Locator {
    return this.root.getByTestId('header-row-input');
  }
  get sheetSelect(): Locator {
    return this.root.getByTestId('sheet-select');
  }

  get listNameInput(): Locator {
    return this.root.getByTestId('list-name-input');
  }
  get severalListsNote(): Locator {
    return this.root.getByTestId('import-several-lists');
  }

  get importValidChoice(): Locator {
    return this.root.getByRole('radio', { name: /导入其余|Import the .* valid rows/ });
  }
  get importNothingChoice(): Locator {
    return this.root.getByRole('radio', { name: /全部不导入|Import nothing/ });
  }

  get submitButton(): Locator {
    return this.root.getByTestId('import-submit');
  }

  /** Starts the import and waits for the result (or an error). */
  async submit(): Promise<void> {
    await expect(this.submitButton).toBeEnabled();
    await this.submitButton.click();
    await expect(this.result.or(this.error).first()).toBeVisible({ timeout: 60_000 });
  }

  // ---- result ------------------------------------------------------------------------------------------------

  get result(): Locator {
    return this.root.getByTestId('import-result');
  }
  get unchangedNote(): Locator {
    return this.root.getByTestId('import-unchanged');
  }

  async resultCounts(): Promise<ImportResultCounts> {
    const n = async (id: keyof ImportResultCounts) => Number(await this.result.getByTestId(`result-${id}`).getAttribute('data-value'));
    return {
      read: await n('read'),
      imported: await n('imported'),
      rejected: await n('rejected'),
      warnings: await n('warnings'),
      newSubscribers: await n('newSubscribers'),
      updatedSubscribers: await n('updatedSubscribers'),
      newTasks: await n('newTasks'),
      joinedOpenTasks: await n('joinedOpenTasks'),
    };
  }

  async resultLists(): Promise<string[]> {
    return this.result.getByTestId('result-list').allInnerTexts();
  }

  async finish(): Promise<void> {
    await this.root.getByTestId('import-finish').click();
    await expect(this.root).toHaveCount(0);
  }

  get closeButton(): Locator {
    return this.root.getByRole('button', { name: /^(关闭|Close)$/ });
  }
}
