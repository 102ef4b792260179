import { expect, type Locator, type Page } from '@playwright/test';

export type TaskStatusCode =
  | 'pending'
  | 'in_progress'
  | 'callback_due'
  | 'closed_success'
  | 'closed_declined'
  | 'closed_unreachable'
  | 'expired';

export class QueuePage {
  constructor(readonly page: Page) {}

  get table(): Locator {
    return this.page.getByRole('table', { name: /^(按优先级排列的任务|Tasks in priority order)$/ });
  }

  /** Waits until the current page of the queue has loaded (the table drops aria-busy). */
  async settled(): Promise<void> {
    await expect(this.table).toHaveAttribute('aria-busy', 'false');
  }

  get rows(): Locator {
    return this.table.getByTestId('queue-row');
  }

  row(index: number): Locator {
    return this.rows.nth(index);
  }

  rowOfTask(taskId: number): Locator {
    return this.table.locator(`[data-testid="queue-row"][data-task-id="${taskId}"]`);
  }
  /** A row's "may I call now?" icon; data-allowed is "true" or "false", the reasons are its accessible name. */
  contact(row: Locator): Locator {
    return row.getByTestId('row-contact');
  }
  get startNext(): Locator {
    return this.page.getByTestId('queue-start');
  }
  /** Preview mode: one task's card before the call, with the policy banner and the outcome panel. */
  get preview(): Locator {
    return this.page.getByTestId('task-preview');
  }
  get contactBanner(): Locator {
    return this.preview.getByTestId('contact-banner');
  }
  get backToQueue(): Locator {
    return this.page.getByTestId('preview-back');
  }
  get nextTask(): Locator {
    return this.page.getByTestId('preview-next');
  }
  async previewTaskId(): Promise<number> {
    return Number(await this.preview.getAttribute('data-task-id'));
  }
  /**
   * Waits until the preview holds `taskId` and its card has loaded: the outcome keys rest while it loads (a spec that
   * pressed 2 then 1 at once after J had its 2 dropped and logged 成功).
   */
  async previewOf(taskId: number): Promise<void> {
    await expect.poll(() => this.previewTaskId()).toBe(taskId);
    await expect(this.preview.getByRole('progressbar')).toHaveCount(0);
  }

  /** 呼叫下一个: the next callable task's card, loaded; its task id. */
  async startNextCard(): Promise<number> {
    await this.startNext.click();
    const taskId = await this.previewTaskId();
    await this.previewOf(taskId);
    return taskId;
  }

  /** The task id of a row (the id lets a spec cross-check with the API). */
  async taskId(index: number): Promise<number> {
    return Number(await this.row(index).getAttribute('data-task-id'));
  }

  /** Cell texts of a row, in column order: rank, risk (level + score), customer (number + name), plan + tier, lists, status, attempts, last, due, agent. */
  async rowTexts(index: number): Promise<string[]> {
    return this.row(index).getByRole('cell').allInnerTexts();
  }

  maskedNumber(index: number): Locator {
    return this.row(index).getByTestId('row-msisdn');
  }
  maskedName(index: number): Locator {
    return this.row(index).getByTestId('row-name');
  }
  plan(index: number): Locator {
    return this.row(index).getByTestId('row-plan');
  }
  tier(index: number): Locator {
    return this.row(index).getByTestId('row-tier');
  }

  /** List-type codes on a row's chips (e.g. ["weekly_anomaly", "dual_sim"]). */
  async listTypes(index: number): Promise<string[]> {
    return this.row(index).locator('[data-list-type]').evaluateAll((els) => els.map((e) => e.getAttribute('data-list-type') ?? ''));
  }

  /** Level codes shown on the visible rows ('high' | 'medium' | 'low' | 'stable' | 'insufficient'; '' for a row not scored yet). */
  async levels(): Promise<string[]> {
    return this.rows.evaluateAll((rows) =>
      rows.map((r) => r.querySelector('[data-testid="row-risk"] [data-level]')?.getAttribute('data-level') ?? ''),
    );
  }
  /** A row's risk cell: the level chip (data-level) and "评分 23" / "Score 23" under it. */
  risk(index: number): Locator {
    return this.row(index).getByTestId('row-risk');
  }

  /** Status codes of the visible rows, read from the chips' data-status (independent of UI language). */
  async statuses(): Promise<string[]> {
    return this.rows.locator('[data-status]').evaluateAll((els) => els.map((e) => e.getAttribute('data-status') ?? ''));
  }

  get total(): Locator {
    return this.page.getByTestId('queue-total');
  }

  /** "1–50 of 3,000" / "第 1–50 条，共 3,000 条". */
  get range(): Locator {
    return this.page.locator('.MuiTablePagination-displayedRows');
  }

  get nextPageButton(): Locator {
    return this.page.getByRole('button', { name: /^(下一页|Next page)$/ });
  }
  get previousPageButton(): Locator {
    return this.page.getByRole('button', { name: /^(上一页|Previous page)$/ });
  }
  get firstPageButton(): Locator {
    return this.page.getByRole('button', { name: /^(第一页|First page)$/ });
  }
  get lastPageButton(): Locator {
    return this.page.getByRole('button', { name: /^(最后一页|Last page)$/ });
  }

  async nextPage(): Promise<void> {
    await this.nextPageButton.click();
    await this.settled();
  }
  async previousPage(): Promise<void> {
    await this.previousPageButton.click();
    await this.settled();
  }

  get rowsPerPageSelect(): Locator {
    return this.page.getByRole('combobox', { name: /每页行数|Rows per page/ });
  }

  async setRowsPerPage(n: 25 | 50 | 100 | 200): Promise<void> {
    await this.rowsPerPageSelect.click();
    await this.page.getByRole('option', { name: String(n), exact: true }).click();
    await this.settled();
  }

  get listFilter(): Locator {
    return this.page.getByRole('combobox', { name: /^(清单|Work list)$/ });
  }
  get statusFilter(): Locator {
    return this.page.getByRole('combobox', { name: /^(任务状态|Task status)$/ });
  }

  /** Filters by work-list name; pass null for all lists. */
  async filterByList(name: string | null): Promise<void> {
    await this.listFilter.click();
    const listbox = this.page.getByRole('listbox');
    // The "all" entry carries value "" (MUI puts each option's value in data-value).
    await (name === null ? listbox.locator('[data-value=""]') : listbox.getByRole('option').filter({ hasText: name }).first()).click();
    await this.settled();
  }

  /** Filters by task status code; pass null for all statuses. */
  async filterByStatus(status: TaskStatusCode | null): Promise<void> {
    await this.statusFilter.click();
    await this.page.getByRole('listbox').locator(`[data-value="${status ?? ''}"]`).click();
    await this.settled();
  }

  get clearFiltersButton(): Locator {
    return this.page.getByRole('button', { name: /^(清除筛选|Clear filters)$/ }).first();
  }

  get emptyState(): Locator {
    return this.page.getByRole('status').filter({ hasText: /没有符合条件的任务|No tasks match/ });
  }
}
