import { expect, type Locator, type Page } from '@playwright/test';

export type CardSection = 'profile' | 'usage' | 'contract' | 'signals' | 'other';
export type LookupOutcome = 'card' | 'not-found' | 'invalid' | 'error';

export class HallPage {
  constructor(readonly page: Page) {}

  get numberInput(): Locator {
    return this.page.getByRole('textbox', { name: /^(手机号码|Phone number)$/ });
  }

  get submitButton(): Locator {
    return this.page.getByRole('button', { name: /^(查询|Look up)$/ });
  }

  /** Types the number as an agent would (field, Enter) and waits until one outcome is on screen. */
  async lookup(number: string): Promise<LookupOutcome> {
    await this.numberInput.fill(number);
    await this.numberInput.press('Enter');
    return this.outcome();
  }

  async outcome(): Promise<LookupOutcome> {
    const settled = this.card.or(this.notFound).or(this.invalid).or(this.error);
    await expect(settled.first()).toBeVisible();
    // A look-up in flight keeps the previous result dimmed with aria-busy; wait until it has landed.
    await expect(this.page.locator('[aria-busy="true"]')).toHaveCount(0);
    if (await this.card.isVisible()) return 'card';
    if (await this.notFound.isVisible()) return 'not-found';
    if (await this.invalid.isVisible()) return 'invalid';
    return 'error';
  }

  get card(): Locator {
    return this.page.getByTestId('customer-card');
  }
  get notFound(): Locator {
    return this.page.getByTestId('lookup-not-found');
  }
  get invalid(): Locator {
    return this.page.getByTestId('lookup-invalid');
  }
  /** A failed call (backend error): an alert with the backend's message and a retry button. */
  get error(): Locator {
    return this.page.getByRole('alert').filter({ hasText: /查询失败|Look-up failed/ });
  }

  get maskedNumber(): Locator {
    return this.card.getByTestId('card-msisdn');
  }
  get maskedName(): Locator {
    return this.card.getByTestId('card-name');
  }
  get updatedAt(): Locator {
    return this.card.getByTestId('card-updated');
  }
  get doNotDisturb(): Locator {
    return this.card.getByTestId('card-dnd');
  }

  section(id: CardSection): Locator {
    return this.card.getByTestId(`section-${id}`);
  }

  /** The value shown for a canonical field (core/worklist/fields.ts key), "—" when the file lacked it. */
  field(key: string): Locator {
    return this.card.getByTestId(`field-${key}`);
  }

  /** An extra attribute, by the header it had in the imported file. */
  extra(header: string): Locator {
    return this.card.getByTestId(`extra-${header}`);
  }

  /** The "cannot judge for lack of data" note; absent when every judgement has data. */
  get missingNote(): Locator {
    return this.card.getByTestId('card-missing');
  }

  get task(): Locator {
    return this.card.getByTestId('card-task');
  }
  /** The open task's status chip; its data-status attribute carries the code (e.g. "pending"). */
  get taskStatus(): Locator {
    return this.task.locator('[data-status]');
  }
  get lists(): Locator {
    return this.card.getByTestId('card-list');
  }
  /** Recent attempts, newest first; each has attempt-disposition (data-code) and attempt-time inside. */
  get attempts(): Locator {
    return this.card.getByTestId('attempt');
  }
}
