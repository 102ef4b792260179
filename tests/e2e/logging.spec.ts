import type { Page } from '@playwright/test';
import { expect, test, type AppServer } from './fixtures';
import { AppShell, HallPage } from './pages';

type CardOffers = { ranked: { code: string }[]; excluded: { code: string }[] };

/** The first of the first `count` demo customers whose card's offers are as wanted (the demo data moves with the date). */
async function demoCustomerWhose(app: AppServer, count: number, wanted: (offers: CardOffers) => boolean): Promise<string | undefined> {
  for (const n of app.demoNumbers(count)) {
    const r = await app.api<{ found: boolean; offers?: CardOffers }>('customer-lookup', { msisdn: n });
    if (r.found && r.offers && wanted(r.offers)) return n;
  }
  return undefined;
}

/** docs/product.md §1/§6/§9: the hall agent logs an outcome in a few keystrokes, without the mouse. */
/** A walk-in at the counter (a number on no list) who accepts: signed in, looked up, 1 pressed on the outcome panel. */
async function walkInAccepting(page: Page, app: AppServer, number: string): Promise<HallPage> {
  await new AppShell(page).open(app.openUrl);
  const hall = new HallPage(page);
  expect(await hall.lookup(number)).toBe('not-found');
  await hall.logPanel.focus();
  await page.keyboard.press('1');
  return hall;
}

test.describe('logging an outcome in the hall', () => {
  test('keyboard only: number, Enter, accepted, offer 1, Enter — saved, and the card shows it', async ({ page, app }) => {
    // A demo customer the card recommends an offer to (the first demo customer had none on some days, and this test
    // skipped itself — in CI too).
    const number = await demoCustomerWhose(app, 40, (offers) => offers.ranked.length > 0);
    expect(number, 'a demo customer with a recommended offer').toBeDefined();
    await new AppShell(page).open(app.openUrl);
    const hall = new HallPage(page);
    await expect(hall.numberInput).toBeFocused();
    await page.keyboard.type(number!);
    await page.keyboard.press('Enter');
    await expect(hall.card).toBeVisible();
    await expect(hall.logPanel).toBeFocused();
    const first = (await hall.offerCodes())[0];
    expect(first).toBeDefined();

    await page.keyboard.press('1');
    await expect(hall.dispositionButton('accepted')).toHaveAttribute('aria-pressed', 'true');
    await expect(hall.offerChoices.first()).toHaveAttribute('data-offer-code', first!);
    await page.keyboard.press('1');
    await expect(hall.offerChoice(first!)).toHaveAttribute('aria-pressed', 'true');
    await page.keyboard.press('Enter');

    await expect(hall.savedToast).toBeVisible();
    await expect(hall.savedToast).toHaveAttribute('data-code', 'accepted');
    await expect(hall.attempts.first().getByTestId('attempt-disposition')).toHaveAttribute('data-code', 'accepted');
    await expect(hall.attempts.first()).toHaveAttribute('data-offer-code', first!); // shown by its name
    await expect(hall.taskStatus).toHaveAttribute('data-status', 'closed_success');
    // Ready for the next customer.
    await expect(hall.numberInput).toBeFocused();
  });

  test('an acceptance of an offer the card does not make to the customer says so, and can still be saved', async ({ page, app }) => {
    // A demo customer with offers the card leaves out (already on that brand, not eligible, …).
    const number = await demoCustomerWhose(app, 60, (offers) => offers.excluded.length > 0);
    expect(number, 'a demo customer with an offer not made').toBeTruthy();
    await new AppShell(page).open(app.openUrl);
    const hall = new HallPage(page);
    expect(await hall.lookup(number!)).toBe('card');
    await hall.expandExcluded();
    await hall.logPanel.focus();
    await page.keyboard.press('1'); // accepted
    await hall.logPanel.getByLabel('其他政策').click();
    // The first offer the menu marks (the catalogue is read when the menu opens: another spec may add an offer
    // meanwhile that the card, read before, does not list), and the reason the card gives for it.
    const item = page.getByRole('option', { name: /卡片上不推荐/ }).first();
    await expect(item).toBeVisible();
    const code = (await item.getAttribute('data-value'))!;
    const reason = await page.locator(`[data-testid="offer-excluded"][data-offer-code="${code}"]`).getByTestId('offer-excluded-reason').innerText();
    await item.click();
    // Said, with the card's own reason; the save stays possible (the customer did take it).
    await expect(hall.logPanel.getByTestId('log-offer-not-offered')).toContainText(reason);
    await expect(hall.save).toBeEnabled();
    await page.keyboard.press('Escape');
    await hall.logPanel.focus();
    await page.keyboard.press('Escape'); // not saved: this customer is left as it was
  });

  test('Esc back to no outcome keeps a note typed on screen, where it waits for the next outcome (hidden, it made the form unsaved with nothing shown; found by a new agent)', async ({ page, app }) => {
    await new AppShell(page).open(app.openUrl);
    const hall = new HallPage(page);
    expect(await hall.lookup(app.demoNumbers(9)[8]!)).toBe('card');
    await hall.logPanel.focus();
    await page.keyboard.press('2'); // declined
    await page.keyboard.press('1'); // price
    await page.keyboard.press('n');
    await page.keyboard.type('客户说下月再考虑');
    await page.keyboard.press('Escape'); // out of the note
    await page.keyboard.press('Escape'); // back: no outcome
    await expect(hall.dispositionButton('declined')).toHaveAttribute('aria-pressed', 'false');
    await expect(page.getByTestId('log-note')).toHaveValue('客户说下月再考虑');
    await expect(hall.save).toBeDisabled();
    await page.keyboard.press('2');
    await expect(page.getByTestId('log-note')).toHaveValue('客户说下月再考虑');
    await page.keyboard.press('Escape');
    await page.getByTestId('log-note').fill('');
  });


  test('a long note shows whole as it is typed, Shift+Enter starts a new line, Enter saves, and the history shows its lines (the note field was one line; found by a new agent)', async ({ page, app }) => {
    await new AppShell(page).open(app.openUrl);
    const hall = new HallPage(page);
    expect(await hall.lookup(app.demoNumbers(12)[10]!)).toBe('card');
    await hall.logPanel.focus();
    await page.keyboard.press('2'); // declined
    await page.keyboard.press('1'); // price
    await page.keyboard.press('n');
    const oneLine = (await hall.noteInput.boundingBox())!.height;
    const first = '客户说这个月话费太高，家里两张卡都在用，下个月合约到期后想换成别家的融合套餐，希望我们先算一下两张卡合在一起每月能省多少钱';
    await page.keyboard.type(first);
    await expect.poll(async () => (await hall.noteInput.boundingBox())!.height).toBeGreaterThan(oneLine * 1.5);
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('周五下午再联系');
    await expect(hall.noteInput).toHaveValue(`${first}\n周五下午再联系`);
    await page.keyboard.press('Enter');
    await expect(hall.savedToast).toBeVisible();
    const note = hall.attempts.first().getByText('周五下午再联系', { exact: false });
    await expect(note).toBeVisible();
    // Two lines on screen, as typed: the line break is kept.
    await expect(note).toHaveCSS('white-space', 'pre-line');
    expect(await note.innerText()).toBe(`${first}\n周五下午再联系`);
  });
  test('another number looked up over an outcome not yet saved asks first; going back keeps it, leaving shows the new card', async ({ page, app }) => {
    await new AppShell(page).open(app.openUrl);
    const hall = new HallPage(page);
    const [first, second] = app.demoNumbers(6).slice(4);
    expect(await hall.lookup(first!)).toBe('card');
    await page.keyboard.press('2'); // declined
    await page.keyboard.press('1'); // price
    await hall.numberInput.fill(second!);
    await hall.numberInput.press('Enter');
    await expect(page.getByTestId('unsaved-dialog')).toBeVisible();
    await page.keyboard.press('Enter'); // 回去保存, the default
    await expect(page.getByTestId('unsaved-dialog')).toBeHidden();
    await expect(hall.dispositionButton('declined')).toHaveAttribute('aria-pressed', 'true');
    await expect(hall.reasonChoice('price')).toHaveAttribute('aria-pressed', 'true');
    // Back on the form, as the button says: the box shows the customer on screen and the form has the focus (the new
    // number stayed in the box with the focus, and Enter asked again, for ever).
    await expect(hall.numberInput).toHaveValue(first!);
    await expect(hall.logPanel).toBeFocused();
    await hall.numberInput.fill(second!);
    await hall.numberInput.press('Enter');
    await page.getByTestId('unsaved-leave').click();
    await expect(hall.dispositionButton('declined')).toHaveAttribute('aria-pressed', 'false');
    // Nothing held: the next number needs no question.
    await hall.numberInput.fill(first!);
    await hall.numberInput.press('Enter');
    await expect(page.getByTestId('unsaved-dialog')).toBeHidden();
    await expect(hall.card).toBeVisible();
  });

  test('a decline cannot be saved without its reason; with one it is', async ({ page, app }) => {
    await new AppShell(page).open(app.openUrl);
    const hall = new HallPage(page);
    // A customer the card recommends two offers or more to, so that O has somewhere to move the declined one.
    const number = await demoCustomerWhose(app, 40, (offers) => offers.ranked.length >= 2);
    expect(number, 'a demo customer with two recommended offers').toBeDefined();
    expect(await hall.lookup(number!)).toBe('card');
    const before = await hall.attempts.count();
    await page.keyboard.press('2');
    await expect(hall.dispositionButton('declined')).toHaveAttribute('aria-pressed', 'true');
    await expect(hall.save).toBeDisabled();
    await page.keyboard.press('Enter');
    await expect(hall.requiredMessage).toBeVisible();
    await expect(hall.savedToast).toHaveCount(0);
    expect(await hall.attempts.count()).toBe(before);

    await page.keyboard.press('1'); // price
    await expect(hall.reasonChoice('price')).toHaveAttribute('aria-pressed', 'true');
    // O moves the declined offer along the card's offers, then to none (only a click could; found by two new agents).
    const declined = page.getByTestId('log-declined-offer');
    const offers = await declined.count();
    expect(offers).toBeGreaterThanOrEqual(2);
    {
      await expect(declined.first()).toHaveAttribute('aria-pressed', 'true');
      for (let i = 1; i < offers; i++) {
        await page.keyboard.press('o');
        await expect(declined.nth(i)).toHaveAttribute('aria-pressed', 'true');
      }
      await page.keyboard.press('o');
      for (let i = 0; i < offers; i++) await expect(declined.nth(i)).toHaveAttribute('aria-pressed', 'false');
      await page.keyboard.press('o');
      await expect(declined.first()).toHaveAttribute('aria-pressed', 'true');
    }
    await page.keyboard.press('Enter');
    await expect(hall.savedToast).toHaveAttribute('data-code', 'declined');
    await expect(hall.attempts.first().getByTestId('attempt-disposition')).toHaveAttribute('data-code', 'declined');
    // The offer of a decline is named as the one declined (政策：… read as the offer taken).
    if ((await hall.attempts.first().getAttribute('data-offer-code')) !== null) await expect(hall.savedToast).toContainText('拒绝的政策：');
    await expect(hall.savedToast).not.toContainText('· 政策：');
  });

  test('我的今日 counts the contact an agent has just logged, without a reload, and shows no target while none is set', async ({ page, app }) => {
    await new AppShell(page).open(app.openUrl, { as: 'A001' });
    const hall = new HallPage(page);
    const today = (row: string) => page.getByTestId(`my-day-${row}`).locator('td').first();
    await expect(today('contacts')).toBeVisible();
    const count = async (row: string) => Number((await today(row).innerText()).replace(/\D/g, ''));
    const before = { contacts: await count('contacts'), reached: await count('reached') };
    expect(await hall.lookup(app.demoNumbers(7)[6]!)).toBe('card');
    await page.keyboard.press('2'); // declined
    await page.keyboard.press('1'); // price
    await page.keyboard.press('Enter');
    await expect(hall.savedToast).toHaveAttribute('data-code', 'declined');
    // Other tests may log as A001 at the same time: the figures only grow.
    await expect.poll(() => count('contacts')).toBeGreaterThan(before.contacts);
    await expect.poll(() => count('reached')).toBeGreaterThan(before.reached);
    await expect(page.getByTestId('my-day-target')).toHaveCount(0);
  });

  test("a decline for a competitor's offer asks which competitor, by key, and saves with it", async ({ page, app }) => {
    await new AppShell(page).open(app.openUrl);
    const hall = new HallPage(page);
    expect(await hall.lookup(app.demoNumbers(5)[4]!)).toBe('card');
    await page.keyboard.press('2'); // declined
    await page.keyboard.press('2'); // 竞争对手优惠
    await expect(hall.reasonChoice('competitor_offer')).toHaveAttribute('aria-pressed', 'true');
    await page.keyboard.press('Enter');
    await expect(hall.requiredMessage.first()).toBeVisible();
    await expect(hall.savedToast).toHaveCount(0);
    await page.keyboard.press('2'); // 联通: the digits now choose the competitor
    await expect(hall.competitorChoice('unicom')).toHaveAttribute('aria-pressed', 'true');
    await expect(hall.reasonChoice('competitor_offer')).toHaveAttribute('aria-pressed', 'true');
    await page.keyboard.press('Enter');
    await expect(hall.savedToast).toHaveAttribute('data-code', 'declined');
  });

  test('投诉升级 (C) puts the cursor in the note, which must say what the complaint is about before it saves (it saved with nothing for care to act on; found by a new agent)', async ({ page, app }) => {
    await new AppShell(page).open(app.openUrl);
    const hall = new HallPage(page);
    expect(await hall.lookup(app.demoNumbers(8)[7]!)).toBe('card');
    const before = await hall.attempts.count();
    await page.keyboard.press('c');
    await expect(hall.noteInput).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(hall.logPanel).toContainText('请在备注中写明投诉内容');
    await expect(hall.savedToast).toHaveCount(0);
    expect(await hall.attempts.count()).toBe(before);
    await page.keyboard.type('上月被多扣 30 元流量费，要求退还');
    await page.keyboard.press('Enter');
    await expect(hall.savedToast).toHaveAttribute('data-code', 'complaint');
    await expect(hall.attempts.first()).toContainText('上月被多扣 30 元流量费');
  });

  test('已离网 asks which competitor and then, optionally, why the customer left; the saved line and the history say both (the report’s 离网原因 stayed empty: the form never asked; found by a new agent)', async ({ page, app }) => {
    await new AppShell(page).open(app.openUrl);
    const hall = new HallPage(page);
    expect(await hall.lookup(app.demoNumbers(7)[6]!)).toBe('card');
    await page.keyboard.press('9'); // churned
    await expect(page.getByText('离网原因（可选）')).toBeVisible();
    await page.keyboard.press('2'); // 联通
    await expect(hall.competitorChoice('unicom')).toHaveAttribute('aria-pressed', 'true');
    await page.keyboard.press('3'); // the digits now choose why: 网络信号
    await expect(hall.reasonChoice('network')).toHaveAttribute('aria-pressed', 'true');
    await expect(hall.competitorChoice('unicom')).toHaveAttribute('aria-pressed', 'true');
    await page.keyboard.press('Enter');
    await expect(hall.savedToast).toHaveAttribute('data-code', 'churned');
    await expect(hall.savedToast).toContainText('网络信号');
    await expect(hall.attempts.first()).toContainText('网络信号');
  });

  test('competitor capture: a competitor-offer decline needs the competitor, takes what they offered, and shows under who is poaching on the dashboard (issue 15 #6)', async ({ page, app }, testInfo) => {
    const shell = new AppShell(page);
    await shell.open(app.openUrl);
    const hall = new HallPage(page);
    // At the counter the phone outcomes are not offered (issue 15 #7).
    expect(await hall.lookup(app.demoNumbers(9)[8]!)).toBe('card');
    await expect(hall.dispositionButton('busy')).toHaveCount(0);
    await expect(hall.dispositionButton('no_answer')).toHaveCount(0);
    await page.keyboard.press('5'); // busy's key does nothing here
    await expect(hall.logPanel).toHaveAttribute('data-disposition', '');

    await page.keyboard.press('2'); // declined
    await page.keyboard.press('2'); // 竞争对手优惠
    await page.keyboard.press('Enter');
    await expect(hall.requiredMessage.first()).toBeVisible();
    await expect(hall.savedToast).toHaveCount(0);
    const offer = `送宽带和副卡 ${Date.now() % 100000}`;
    await hall.logPanel.getByTestId('log-competitor-offer').fill(offer);
    await hall.logPanel.getByTestId('log-competitor-amount').fill('约59');
    await expect(hall.logPanel.getByTestId('log-competitor-offer-error')).toContainText('10,000');
    await expect(hall.save).toBeDisabled();
    await page.screenshot({ path: testInfo.outputPath('log-competitor-zh-CN.png') });
    // The yuan typed with it is read (the field is 对方月费（元）: 59元 was refused; found by a new agent).
    await hall.logPanel.getByTestId('log-competitor-amount').fill('59元');
    await expect(hall.logPanel.getByTestId('log-competitor-offer-error')).toHaveCount(0);
    await hall.logPanel.focus();
    await page.keyboard.press('1'); // 电信
    await expect(hall.competitorChoice('telecom')).toHaveAttribute('aria-pressed', 'true');
    // Enter in the competitor's price saves, as in the note (it did nothing there, though the help says "Enter 保存").
    await hall.logPanel.getByTestId('log-competitor-amount').press('Enter');
    // Saved: the form starts afresh and says so, the history shows the offer.
    await expect(hall.savedToast).toHaveAttribute('data-code', 'declined');
    await expect(hall.savedToast).toContainText(/已保存 \d\d:\d\d · 拒绝/);
    await expect(hall.logPanel).toHaveAttribute('data-disposition', '');
    await expect(hall.attempts.first()).toContainText(offer);
    await expect(hall.attempts.first()).toContainText('¥59');
    await page.screenshot({ path: testInfo.outputPath('log-saved-zh-CN.png') });
    // F works after saving, with the focus back in the number field (issue 15 #7).
    await expect(hall.numberInput).toBeFocused();
    await page.keyboard.press('f');
    await expect(page.getByTestId('feedback-text')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('feedback-text')).toHaveCount(0);
    await expect(hall.savedToast).toBeVisible(); // until the next step in the form

    await shell.goTo('dashboard');
    const telecom = page.locator('[data-testid="dash-competitor"][data-code="telecom"]');
    await expect(telecom).toContainText(offer);
    await expect(telecom).toContainText('¥59');
    await telecom.scrollIntoViewIfNeeded();
    await page.screenshot({ path: testInfo.outputPath('dashboard-competitors-zh-CN.png') });
  });

  test('a call-back saves with the default time, tomorrow 10:00', async ({ page, app }) => {
    await new AppShell(page).open(app.openUrl);
    const hall = new HallPage(page);
    const number = app.demoNumbers(3)[2]!;
    expect(await hall.lookup(number)).toBe('card');
    await page.keyboard.press('3');
    await expect(hall.callbackInput).toBeVisible();
    await page.keyboard.press('Enter');
    await expect(hall.savedToast).toHaveAttribute('data-code', 'callback');
    // The saved line repeats the time promised, to be read back to the customer (found by a new agent).
    await expect(hall.savedToast).toContainText(/回访时间：\d{4}-\d{2}-\d{2} 10:00/);
    const latest = hall.attempts.first();
    await expect(latest.getByTestId('attempt-disposition')).toHaveAttribute('data-code', 'callback');
    await expect(latest).toContainText('10:00');
  });

  test('a call-back promised outside calling hours is refused before it is saved, with the hours', async ({ page, app }) => {
    await new AppShell(page).open(app.openUrl);
    const hall = new HallPage(page);
    const number = app.demoNumbers(4)[3]!;
    expect(await hall.lookup(number)).toBe('card');
    await page.keyboard.press('3');
    await expect(hall.logPanel).toContainText('外呼时段 09:00–20:30');
    // T goes to the time's day, → on to its hour, by keyboard (only a click reached it; found by an agent's pass).
    await page.keyboard.press('t');
    await expect(hall.callbackInput.locator('[role="spinbutton"]').nth(2)).toBeFocused();
    await page.keyboard.press('ArrowRight');
    await expect(hall.callbackInput.locator('[role="spinbutton"]').nth(3)).toBeFocused();
    await page.keyboard.press('Escape');
    const attempts = await hall.attempts.count();
    // The hour of the picker's time (YYYY-MM-DD HH:mm): 23:00 tomorrow.
    await hall.callbackInput.locator('[role="spinbutton"]').nth(3).click();
    await page.keyboard.type('23');
    await expect(hall.requiredMessage).toHaveText('回访时间须在外呼时段 09:00–20:30 内：这个时间不能给客户打电话');
    await page.keyboard.press('Enter');
    await expect(hall.savedToast).toHaveCount(0);
    await expect(hall.attempts).toHaveCount(attempts);
    // Esc leaves the time field for the keys, as it leaves the other fields, with the time kept (it did nothing there,
    // though the help says Esc 返回上一步; found by a new agent).
    await page.keyboard.press('Escape');
    await expect(hall.logPanel).toBeFocused();
    await expect(hall.requiredMessage).toHaveText('回访时间须在外呼时段 09:00–20:30 内：这个时间不能给客户打电话');
    // 15:00 is inside: it saves.
    await hall.callbackInput.locator('[role="spinbutton"]').nth(3).click();
    await page.keyboard.type('15');
    await expect(hall.requiredMessage).toHaveCount(0);
    await page.keyboard.press('Enter'); // from the time field itself, as the button's ↵ says (it saved nothing)
    await expect(hall.savedToast).toHaveAttribute('data-code', 'callback');
    await expect(hall.attempts.first()).toContainText('15:00');
  });

  test('a number not in the cache can still be logged as a walk-in; ? shows the shortcuts', async ({ page, app }) => {
    await new AppShell(page).open(app.openUrl);
    const hall = new HallPage(page);
    expect(await hall.lookup('19999999998')).toBe('not-found');
    await expect(hall.logPanel).toBeVisible();
    await page.keyboard.press('?');
    await expect(hall.shortcuts).toBeVisible();
    await expect(hall.shortcuts).toContainText('投诉升级');
    // ? closes it again, as the dialog itself says ("? 显示或关闭本说明"); so does Esc.
    await page.keyboard.press('?');
    await expect(hall.shortcuts).toHaveCount(0);
    await page.keyboard.press('?');
    await expect(hall.shortcuts).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(hall.shortcuts).toHaveCount(0);
    // In the number field too, where the focus goes after every save: a number never holds a ? (it typed one there;
    // found by a new agent told "press ? for help").
    await hall.numberInput.focus();
    const typed = await hall.numberInput.inputValue();
    await page.keyboard.press('?');
    await expect(hall.shortcuts).toBeVisible();
    await page.keyboard.press('?');
    await expect(hall.shortcuts).toHaveCount(0);
    await expect(hall.numberInput).toHaveValue(typed);
    await hall.logPanel.focus();
    await page.keyboard.press('0');
    await page.keyboard.press('Enter');
    await expect(hall.savedToast).toHaveAttribute('data-code', 'wrong_person');
    // After a save the number box has the focus, its number selected for the next customer's: / (back to the number)
    // pressed there keeps the number — it replaced it with "/".
    await expect(hall.numberInput).toBeFocused();
    await page.keyboard.press('/');
    await expect(hall.numberInput).toHaveValue('19999999998');
    await page.keyboard.type('13800000000');
    await expect(hall.numberInput).toHaveValue('13800000000');
  });

  test('a walk-in who accepts: 1 puts the cursor in the offers list, and Enter opens it (it said 请选择客户接受的政策; found by a new hall agent)', async ({ page, app }) => {
    const hall = await walkInAccepting(page, app, '19999999997');
    await expect(hall.dispositionButton('accepted')).toHaveAttribute('aria-pressed', 'true');
    await expect(hall.logPanel.getByRole('combobox', { name: '其他政策' })).toBeFocused();
    await page.keyboard.press('Enter');
    await page.getByRole('option', { name: '流量包月 20GB' }).click();
    await hall.logPanel.getByTestId('log-save').click();
    await expect(hall.savedToast).toHaveAttribute('data-code', 'accepted');
  });

  test('a walk-in who takes an offer with a visit is saved, and the saved line says to arrange the visit (it failed with 程序内部错误：FOREIGN KEY constraint failed; found by a helper’s pass)', async ({ page, app }) => {
    const hall = await walkInAccepting(page, app, '19999999995');
    await page.keyboard.press('Enter');
    await page.getByRole('option', { name: '升级全球通（专属客户经理回访）' }).click();
    await hall.logPanel.getByTestId('log-save').click();
    await expect(hall.savedToast).toHaveAttribute('data-code', 'accepted');
    await expect(hall.savedToast.getByTestId('log-saved-follow-up-not-made')).toContainText('请另行安排回访');
    await expect(page.getByText('程序内部错误')).toHaveCount(0);
  });

  test('an offer chosen from the list by keyboard, then Enter saves, as ↵ on 保存 says (Enter opened the list again; found by a hall agent’s pass)', async ({ page, app }) => {
    const hall = await walkInAccepting(page, app, '19999999996');
    const list = hall.logPanel.getByRole('combobox', { name: '其他政策' });
    await expect(list).toBeFocused();
    await page.keyboard.press('Enter'); // nothing chosen yet: opens the list
    await expect(page.getByRole('listbox')).toBeVisible();
    // 流量包月 20GB, by the arrow keys (an offer that needs no follow-up visit: a walk-in has no task to follow up).
    const focused = page.getByRole('option', { name: '流量包月 20GB' });
    for (let i = 0; i < 20 && !(await focused.evaluate((el) => el === el.ownerDocument.activeElement)); i++) await page.keyboard.press('ArrowDown');
    await expect(focused).toBeFocused();
    await page.keyboard.press('Enter'); // chooses
    await expect(page.getByRole('listbox')).toHaveCount(0);
    await expect(list).toBeFocused();
    await page.keyboard.press('Enter'); // saves
    await expect(hall.savedToast).toHaveAttribute('data-code', 'accepted');
    await expect(page.getByRole('listbox')).toHaveCount(0);
  });
});

/**
 * 2 拒绝 → 2 竞争对手优惠 at the counter, 1366×768: in English the step put each declined offer on a line of its own,
 * the competitors on two lines and the monthly price on a third with its label cut ("Their monthly …"), so the page
 * scrolled the number field away to show 保存; in Chinese the panel ran past the card beside it (found by an agent's
 * pass). The step is compact: the declined offers share one line, the competitors one, the two fields one.
 */
test.describe('the competitor step at 1366×768', () => {
  test('declined for a competitor’s offer: Save in sight without scrolling the page, offers on one line, the fields’ labels whole — in Chinese and English', async ({ page, app }, testInfo) => {
    // Three offers on the card and nothing logged yet: no call-back request or recent outcome above the panel, whose
    // banner alone takes 100 px (with one, the page scrolls by that much, 保存 still brought into view).
    let number: string | undefined;
    for (const n of app.demoNumbers(60)) {
      const r = await app.api<{ found: boolean; offers?: CardOffers; recentAttempts?: unknown[]; task?: { followUp: unknown } | null }>('customer-lookup', { msisdn: n });
      if (r.found && r.offers!.ranked.length >= 3 && r.recentAttempts!.length === 0 && !r.task?.followUp) {
        number = n;
        break;
      }
    }
    expect(number, 'a demo customer with three offers on the card and no attempt yet').toBeDefined();
    const shell = new AppShell(page);
    await shell.open(app.openUrl, { as: 'A004' });
    const hall = new HallPage(page);
    expect(await hall.lookup(number!)).toBe('card');
    for (const language of ['zh-CN', 'en'] as const) {
      if (language === 'en') await shell.switchLanguage('en');
      await hall.logPanel.focus();
      await page.keyboard.press('2'); // declined
      await page.keyboard.press('2'); // competitor offer
      await expect(hall.reasonChoice('competitor_offer')).toHaveAttribute('aria-pressed', 'true');
      await expect(hall.competitorChoice('other')).toBeVisible();
      await page.screenshot({ path: testInfo.outputPath(`competitor-step-${language}.png`) });
      await expect(hall.save).toBeInViewport({ ratio: 1 });
      // Without the page scrolling to it: the number field stays in sight.
      expect(await page.locator('main').evaluate((main) => main.scrollTop), language).toBe(0);
      await expect(hall.numberInput).toBeInViewport({ ratio: 1 });
      // The three declined offers on one line, as the other choices are (each had a line of its own in English).
      const tops = (testId: string) => hall.logPanel.getByTestId(testId).evaluateAll((els) => els.map((e) => e.getBoundingClientRect().top));
      const offerTops = await tops('log-declined-offer');
      expect(offerTops).toHaveLength(3);
      expect(Math.max(...offerTops) - Math.min(...offerTops), `declined offers' tops in ${language}: ${offerTops.join(', ')}`).toBeLessThan(4);
      // The competitors on one line.
      const competitorTops = await tops('log-competitor');
      expect(Math.max(...competitorTops) - Math.min(...competitorTops), `competitors' tops in ${language}: ${competitorTops.join(', ')}`).toBeLessThan(4);
      // Each field's label whole, not cut to "Their monthly …".
      for (const id of ['log-competitor-offer', 'log-competitor-amount']) {
        const label = await hall.logPanel.getByTestId(id).evaluate((input) => {
          const l = input.closest('.MuiFormControl-root')!.querySelector('label')!;
          return { text: l.textContent, cut: l.scrollWidth > l.clientWidth };
        });
        expect(label.cut, `${label.text} (${language}) is cut`).toBe(false);
      }
      await hall.logPanel.getByTestId('log-clear').click();
      await expect(hall.logPanel).toHaveAttribute('data-disposition', '');
    }
  });
});

test.describe('feedback and experience notes', () => {
  test('F records feedback with its importance; E shares a note that colleagues see on the card', async ({ page, app }) => {
    const shell = new AppShell(page);
    await shell.open(app.openUrl, { as: 'A001' });
    const hall = new HallPage(page);
    // A customer with a recommended offer: the note is about that offer by default.
    let number = '';
    for (const n of app.demoNumbers(40).slice(10)) {
      expect(await hall.lookup(n)).toBe('card');
      if ((await hall.offerCodes()).length > 0) {
        number = n;
        break;
      }
    }
    expect(number, 'a demo customer with a recommended offer').not.toBe('');
    await hall.logPanel.focus();
    await page.keyboard.press('f');
    // The required category has the focus while none is picked (the cursor went to the text below it).
    await expect(page.getByRole('combobox', { name: /类别/ })).toBeFocused();
    // A digit picks the category by its number (in the list and the hint), and the cursor goes on to the words: text
    // typed on the category went nowhere (found by a new agent).
    await expect(page.getByText('请选择类别（按数字 1–9）')).toBeVisible();
    const textAt = (await page.getByTestId('feedback-text').boundingBox())!.y;
    await page.keyboard.press('2');
    await expect(page.getByTestId('feedback-category')).toHaveValue('tariff');
    // The hint's line stays: the text field does not jump up under the cursor (it moved 13 px; found by a new agent).
    expect((await page.getByTestId('feedback-text').boundingBox())!.y).toBe(textAt);
    await expect(page.getByTestId('feedback-text')).toBeFocused();
    await page.keyboard.type('小区晚上信号差，打电话经常断');
    await page.getByTestId('feedback-importance-high').click();
    // Picked from the list, the cursor goes on to the words as well.
    await page.getByRole('combobox', { name: /类别/ }).click();
    await expect(page.getByRole('option', { name: '1 网络质量' })).toBeVisible();
    await page.getByRole('option', { name: '1 网络质量' }).click();
    await expect(page.getByTestId('feedback-text')).toBeFocused();
    await expect(page.getByTestId('feedback-text')).toHaveValue('小区晚上信号差，打电话经常断');
    // Ctrl+Enter saves from any field, the category's too (it reopened the list there).
    await page.getByRole('combobox', { name: /类别/ }).press('Control+Enter');
    // Said where the agent is looking, as well as on the card below.
    await expect(hall.logPanel.getByTestId('log-added')).toHaveAttribute('data-kind', 'feedback');
    const feedback = hall.card.getByTestId('card-feedback-item');
    await expect(feedback.first()).toContainText('小区晚上信号差');
    await expect(feedback.first()).toContainText('高');

    await hall.logPanel.focus();
    await page.keyboard.press('e');
    await page.getByTestId('note-text').fill('先说清楚副卡免费，再谈合约。');
    // 取消 with words typed asks once more before it drops them (it dropped them at once; found by a new agent).
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: '取消' }).click();
    await expect(page.getByTestId('note-text')).toHaveValue('先说清楚副卡免费，再谈合约。');
    await expect(dialog.getByTestId('dialog-discard')).toHaveText('放弃已写的内容');
    await page.getByTestId('note-save').click();
    await expect(hall.logPanel.getByTestId('log-added')).toHaveAttribute('data-kind', 'note');
    await expect(hall.card.getByTestId('card-note').filter({ hasText: '先说清楚副卡免费' })).toHaveCount(1);
    // A colleague (the supervisor here) sees it on the same customer's card.
    await shell.signOut();
    await shell.signIn('S001', '123456');
    await expect(hall.card).toHaveCount(0); // the previous agent's customer is not left on screen
    expect(await hall.lookup(number)).toBe('card');
    await expect(hall.card.getByTestId('card-note').filter({ hasText: '先说清楚副卡免费' })).toHaveCount(1);
    await expect(hall.card.getByTestId('card-note').filter({ hasText: '先说清楚副卡免费' })).toContainText('A001');
  });
});
