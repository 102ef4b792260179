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
  /** Shows (audited) or hides the clear name and number. */
  get revealButton(): Locator {
    return this.card.getByTestId('card-reveal');
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

  /** The risk block at the top of the card (data-level: the level shown, docs/product.md §4.4; data-rule-level: the rule's). */
  get risk(): Locator {
    return this.card.getByTestId('card-risk');
  }
  /** The level badge; its data-level attribute is 'high' | 'medium' | 'low' | 'stable' | 'insufficient', its text the word. */
  get riskLevel(): Locator {
    return this.risk.getByTestId('risk-level');
  }
  /** "评分 23" / "Score 23"; data-score carries the number. */
  get riskScore(): Locator {
    return this.risk.getByTestId('risk-score');
  }
  /** Shown only when the level was set by calls to a competitor's customer service, not by the score. */
  get riskLevelBy(): Locator {
    return this.risk.getByTestId('risk-level-by');
  }
  /** One item per reason, largest first; data-code and data-points carry the reason code and its points. */
  get riskReasons(): Locator {
    return this.risk.getByTestId('risk-reason');
  }
  /** The points as shown for a reason ("+9", "−2"). */
  reasonPoints(index: number): Locator {
    return this.riskReasons.nth(index).getByTestId('risk-reason-points');
  }
  /** Need tags (data-code); the mid/high-value flag and the sensitivity type are header chips instead. */
  get riskTags(): Locator {
    return this.risk.getByTestId('risk-tag');
  }
  get midHighValue(): Locator {
    return this.risk.getByTestId('risk-mid-high');
  }
  /** data-tier carries the tier code. */
  get tier(): Locator {
    return this.risk.getByTestId('risk-tier');
  }
  /** data-code carries the sensitivity tag's code (e.g. "price_sensitive"). */
  get sensitivity(): Locator {
    return this.risk.getByTestId('risk-sensitivity');
  }

  /** Reason codes and points in the order shown, all of them (the card shows the strongest first, the rest on request). */
  async reasons(): Promise<{ code: string; points: number }[]> {
    const more = this.risk.getByTestId('risk-reasons-more');
    if ((await more.count()) > 0 && (await more.getAttribute('aria-expanded')) === 'false') await more.click();
    return this.riskReasons.evaluateAll((els) =>
      els.map((e) => ({ code: e.getAttribute('data-code') ?? '', points: Number(e.getAttribute('data-points')) })),
    );
  }

  /** Tag codes of the need tags, in the order shown. */
  async tagCodes(): Promise<string[]> {
    return this.riskTags.evaluateAll((els) => els.map((e) => e.getAttribute('data-code') ?? ''));
  }

  /** The one "could not be judged" note, from the backend's unjudged groups; absent when everything was judged. */
  get unjudgedNote(): Locator {
    return this.card.getByTestId('card-missing');
  }
  /** @deprecated the same note as `unjudgedNote`. */
  get missingNote(): Locator {
    return this.unjudgedNote;
  }

  /** The offers section under the risk block (docs/product.md §5). */
  get offers(): Locator {
    return this.card.getByTestId('card-offers');
  }
  /** Ranked offer cards (1–3), in rank order; data-offer-code carries the offer code. */
  get offerCards(): Locator {
    return this.offers.getByTestId('offer-card');
  }
  /** The card of one offer, by its code. */
  offerCard(code: string): Locator {
    return this.offers.locator(`[data-testid="offer-card"][data-offer-code="${code}"]`);
  }
  /** Offer codes of the ranked cards, in the order shown. */
  async offerCodes(): Promise<string[]> {
    return this.offerCards.evaluateAll((els) => els.map((e) => e.getAttribute('data-offer-code') ?? ''));
  }
  /** Shown instead of the cards when no offer fits. */
  get offersEmpty(): Locator {
    return this.offers.getByTestId('offers-empty');
  }
  /** "离网概率 49%（…）"; data-source is 'model' | 'level'. */
  get offersPChurn(): Locator {
    return this.offers.getByTestId('offers-p-churn');
  }
  /** The "not offered / 不推荐" toggle (aria-expanded tells whether the list is open). */
  get excludedToggle(): Locator {
    return this.offers.getByTestId('offers-excluded-toggle');
  }
  /** Opens the "not offered" list when it is closed. */
  async expandExcluded(): Promise<void> {
    if ((await this.excludedToggle.getAttribute('aria-expanded')) !== 'true') await this.excludedToggle.click();
    await expect(this.excludedToggle).toHaveAttribute('aria-expanded', 'true');
  }
  /** Excluded offers; data-offer-code and data-reason (the reason's message code) on each. */
  get excludedOffers(): Locator {
    return this.offers.getByTestId('offer-excluded');
  }
  excludedOffer(code: string): Locator {
    return this.offers.locator(`[data-testid="offer-excluded"][data-offer-code="${code}"]`);
  }
  /** Conditions that could not be judged (muted); data-offer-code and data-field on each. */
  get unknownConditions(): Locator {
    return this.offers.getByTestId('offer-unknown');
  }
  /** Tariff preview rows: today's plan first (data-current="true"), then the options; data-plan-code on each. */
  get tariffRows(): Locator {
    return this.offers.getByTestId('tariff-row');
  }
  get tariffCurrent(): Locator {
    return this.offers.locator('[data-testid="tariff-row"][data-current="true"]');
  }
  get tariffNotes(): Locator {
    return this.offers.getByTestId('tariff-note');
  }
  /** "模型离网概率 81%（v1）" in the risk block; data-p and data-version; absent without an active model. */
  get modelP(): Locator {
    return this.risk.getByTestId('model-p');
  }
  /** The model's largest contributions; data-feature and data-contribution on each. */
  get modelFactors(): Locator {
    return this.risk.getByTestId('model-factor');
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

  /* Logging an outcome (docs/product.md §6, §9). Keys: 1 accepted 2 declined 3 callback 4 no answer 5 busy 6 powered off
     7 invalid number 8 hung up 9 churned 0 wrong person C complaint; then 1–3 offer / 1–9 reason / 1–4 competitor (after a reason that asks for it). */

  /** The "记录结果 / Log outcome" panel on the card (or under the not-found note for a walk-in); data-disposition. */
  get logPanel(): Locator {
    return this.page.getByTestId('log-panel');
  }
  /** A disposition button by code (aria-pressed tells whether it is chosen). */
  dispositionButton(code: string): Locator {
    return this.logPanel.locator(`[data-testid="log-disposition"][data-code="${code}"]`);
  }
  /** A recommended offer in the accepted step, by code; `offerChoices` lists them in rank order. */
  offerChoice(code: string): Locator {
    return this.logPanel.locator(`[data-testid="log-offer"][data-offer-code="${code}"]`);
  }
  get offerChoices(): Locator {
    return this.logPanel.getByTestId('log-offer');
  }
  /** A reason button in the declined step, by reason code. */
  reasonChoice(code: string): Locator {
    return this.logPanel.locator(`[data-testid="log-reason"][data-code="${code}"]`);
  }
  /** A competitor button (churned, or declined for a competitor's offer / social circle), by code. */
  competitorChoice(code: string): Locator {
    return this.logPanel.locator(`[data-testid="log-competitor"][data-code="${code}"]`);
  }
  get callbackInput(): Locator {
    return this.logPanel.getByTestId('log-callback');
  }
  get noteInput(): Locator {
    return this.logPanel.getByTestId('log-note');
  }
  /** What is still missing (e.g. the reason of a decline), shown after an attempted save. */
  get requiredMessage(): Locator {
    return this.logPanel.getByTestId('log-required');
  }
  get logError(): Locator {
    return this.logPanel.getByTestId('log-error');
  }
  get save(): Locator {
    return this.logPanel.getByTestId('log-save');
  }
  /** "已保存 / Saved": shown only once the backend answered; data-code carries the disposition. */
  get savedToast(): Locator {
    return this.page.getByTestId('log-saved');
  }
  /** The keyboard-shortcut overlay (opened with ?). */
  get shortcuts(): Locator {
    return this.page.getByTestId('shortcuts-dialog');
  }
}
