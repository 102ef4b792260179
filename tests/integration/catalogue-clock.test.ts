import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackend } from '../support/backend';
import { tempDir } from '../support/temp';

/**
 * The card's offers follow every save of the catalogue, whatever the clock says. The card keeps the compiled
 * catalogue until it changes; it told a change by the newest save's time, so a save stamped no later than the one
 * before — the PC's clock set back (a time-server correction), or two saves within a millisecond — left every card
 * offering the old rules until the app restarted (found writing the offer reach preview with a fixed clock).
 */
describe('the card after a catalogue save, the clock set back', () => {
  const tmp = tempDir();
  let clock = new Date('2026-11-23T03:00:00Z');
  let t: ReturnType<typeof testBackend>;
  beforeAll(() => {
    t = testBackend({ dbPath: tmp.file('ws.sqlite'), demoIfEmpty: true, now: () => clock });
  });
  afterAll(() => {
    t.close();
    tmp.cleanup();
  });

  const stageOn = async (msisdn: string, code: string) => {
    const card = await t.call('customer-lookup', { msisdn, channel: 'hall' });
    if (!card.found) throw new Error(`no card for ${msisdn}`);
    return card.offers.excluded.find((e) => e.code === code)?.stage ?? 'offered';
  };

  it('an offer switched off, then on again an hour "earlier", is what the next card says each time', async () => {
    const offer = (await t.call('offer-list', {})).find((o) => o.code === 'BALANCE_REMINDER')!;
    const db = new Database(tmp.file('ws.sqlite'), { readonly: true });
    const msisdn = String(db.prepare('SELECT msisdn FROM subscribers ORDER BY msisdn LIMIT 1').pluck().get());
    db.close();
    expect(await stageOn(msisdn, offer.code)).not.toBe('inactive');

    await t.call('offer-save', { offer: { ...offer, active: false } });
    expect(await stageOn(msisdn, offer.code)).toBe('inactive');

    clock = new Date(clock.getTime() - 3_600_000);
    await t.call('offer-save', { offer: { ...offer, active: true } });
    expect(await stageOn(msisdn, offer.code)).not.toBe('inactive');

    // Again within the same instant.
    await t.call('offer-save', { offer: { ...offer, active: false } });
    expect(await stageOn(msisdn, offer.code)).toBe('inactive');
  });
});
