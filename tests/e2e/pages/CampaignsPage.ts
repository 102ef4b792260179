import { expect, type Locator, type Page } from '@playwright/test';

/** 挽留活动 / Campaigns (issue 17 #2): the campaigns, the saved segments to launch from, and their dialogs. */
export class CampaignsPage {
  constructor(readonly page: Page) {}

  get table(): Locator {
    return this.page.getByRole('table', { name: /^(挽留活动|Campaigns)$/ });
  }
  row(name: string): Locator {
    return this.table.locator(`[data-testid="campaign-row"][data-campaign="${name}"]`);
  }
  /** A saved segment in the strip above the table, with its 发起挽留 button. */
  segment(name: string): Locator {
    return this.page.locator(`[data-testid="campaign-segment"][data-segment="${name}"]`);
  }
  get runDialog(): Locator {
    return this.page.getByTestId('campaign-run-dialog');
  }
  /** The preview's counts (data-customers, data-new, data-joined, data-already, data-excluded) and its sentence. */
  get preview(): Locator {
    return this.runDialog.getByTestId('campaign-preview');
  }
  get runButton(): Locator {
    return this.runDialog.getByTestId('campaign-run');
  }
  get result(): Locator {
    return this.runDialog.getByTestId('campaign-run-result');
  }

  /** In the launch dialog: all the new tasks to one agent. */
  async assignTo(agentId: string): Promise<void> {
    await this.runDialog.getByTestId('assign-mode-to').click();
    await this.runDialog.getByRole('combobox', { name: /^(坐席|Agent)$/ }).click();
    await this.page.getByRole('listbox').locator(`[data-agent="${agentId}"]`).click();
  }

  async previewCounts(): Promise<{ customers: number; newTasks: number; joined: number; already: number; excluded: number }> {
    await expect(this.preview).toBeVisible();
    const n = async (a: string) => Number(await this.preview.getAttribute(a));
    return { customers: await n('data-customers'), newTasks: await n('data-new'), joined: await n('data-joined'), already: await n('data-already'), excluded: await n('data-excluded') };
  }
}
