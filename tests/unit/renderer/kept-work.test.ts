import dayjs from 'dayjs';
import { beforeEach, describe, expect, it } from 'vitest';
import { dropKeptWork, keepOutcome, keepPlace, keptParts, outcomeSubject, takeKeptOutcome, takeKeptPlace, useKeptWork } from '../../../renderer/src/app/keptWork';
import { holdsUnsaved, initialLogForm, reduce, resumedOnCard } from '../../../renderer/src/pages/hall/logForm';
import type { QueueView } from '../../../renderer/src/pages/queue/queueStore';

/**
 * A session that ends by itself (the idle limit) keeps its agent's place and unsaved outcome for that agent alone
 * (app/keptWork.ts): a shared counter PC shows nothing of it to anyone else, and drops it when they sign in.
 */
describe('work kept when a session ends by itself', () => {
  const queue: QueueView = { listId: null, listType: null, level: null, status: null, agentId: undefined, sort: 'default', descending: false, page: 2, rowsPerPage: 50, previewTaskId: 41 };
  const subject = outcomeSubject('phone', { ref: 'c1.abc' });
  /** 拒绝 · 资费 with a note, caught mid-save (the save's call is what found the session gone). */
  const halfSaved = () => {
    let form = reduce(initialLogForm(dayjs('2026-12-06T10:00:00')), { type: 'choose', disposition: 'declined', topOffer: null });
    form = reduce(form, { type: 'reason', reason: 'price' });
    form = reduce(form, { type: 'note', note: '下月再谈' });
    return reduce(form, { type: 'saveStarted' });
  };

  beforeEach(() => dropKeptWork());

  it('gives the same agent back their place once, then the outcome to the form of the same customer, ready to save again', () => {
    keepOutcome(subject, halfSaved());
    keepPlace('A002', null, queue);
    // Before the agent is back, no form may take it (a form of the session that is ending).
    expect(takeKeptOutcome(subject)).toBeNull();
    expect(takeKeptPlace('A002')).toEqual({ hallQuery: null, queue });
    expect(takeKeptPlace('A002')).toBeNull(); // once
    const form = takeKeptOutcome(subject);
    expect(form).toMatchObject({ disposition: 'declined', reason: 'price', note: '下月再谈', saving: false, error: null, dialog: null, blockedAsked: false });
    expect(takeKeptOutcome(subject)).toBeNull(); // once
  });

  it('drops everything when anyone else signs in', () => {
    keepOutcome(subject, halfSaved());
    keepPlace('A002', '13800138000', queue);
    expect(takeKeptPlace('A001')).toBeNull();
    expect(useKeptWork.getState()).toEqual({ agentId: null, hallQuery: null, queue: null, outcome: null });
    expect(takeKeptPlace('A002')).toBeNull();
    expect(takeKeptOutcome(subject)).toBeNull();
  });

  it("drops the outcome when the agent's first form is another customer's (they moved on)", () => {
    keepOutcome(subject, halfSaved());
    keepPlace('A002', null, queue);
    takeKeptPlace('A002');
    expect(takeKeptOutcome(outcomeSubject('phone', { ref: 'c1.other' }))).toBeNull();
    expect(takeKeptOutcome(subject)).toBeNull();
  });

  it('keeps the feedback being written in its dialog, which opens again as it was (found: F, typing, a break, all gone)', () => {
    let form = reduce(initialLogForm(dayjs('2026-12-06T10:00:00')), { type: 'dialog', dialog: 'feedback' });
    form = reduce(form, { type: 'feedbackDraft', patch: { category: 'network', importance: 'high' } });
    form = reduce(form, { type: 'feedbackDraft', patch: { text: '小区里晚上信号很差，打电话经常断' } });
    expect(holdsUnsaved(form)).toBe(true);
    keepOutcome(subject, form);
    keepPlace('A002', null, queue);
    takeKeptPlace('A002');
    const back = takeKeptOutcome(subject)!;
    expect(back).toMatchObject({ dialog: 'feedback', feedbackDraft: { category: 'network', importance: 'high', text: '小区里晚上信号很差，打电话经常断' }, disposition: null });
    // The sign-in screen names what waits: the feedback, not an outcome; both when both were left.
    expect(keptParts(back)).toEqual({ outcome: false, draft: { kind: 'feedback', text: '小区里晚上信号很差，打电话经常断' } });
    expect(keptParts(halfSaved())).toEqual({ outcome: true, draft: null });
    const both = reduce(reduce(halfSaved(), { type: 'dialog', dialog: 'note' }), { type: 'noteDraft', patch: { text: '先讲流量' } });
    expect(keptParts(both)).toEqual({ outcome: true, draft: { kind: 'note', text: '先讲流量' } });
  });

  it('lets an empty dialog go: an outcome comes back without it, and a form holding nothing more is not kept as unsaved', () => {
    const opened = reduce(halfSaved(), { type: 'dialog', dialog: 'note' });
    keepOutcome(subject, opened);
    keepPlace('A002', null, queue);
    takeKeptPlace('A002');
    expect(takeKeptOutcome(subject)).toMatchObject({ dialog: null, disposition: 'declined', noteDraft: { about: null, text: '' } });
    const onlyOpened = reduce(reduce(initialLogForm(dayjs('2026-12-06T10:00:00')), { type: 'dialog', dialog: 'feedback' }), { type: 'feedbackDraft', patch: { text: '  ' } });
    expect(holdsUnsaved(onlyOpened)).toBe(false);
  });

  it('tells the hall and the queue apart, and a walk-in by the number typed', () => {
    expect(outcomeSubject('hall', { ref: 'c1.abc' })).not.toBe(outcomeSubject('phone', { ref: 'c1.abc' }));
    expect(outcomeSubject('hall', { msisdn: '13800138000' })).toBe('hall:#13800138000');
  });
});

/** A kept decline comes back on a card whose offers may have changed meanwhile (a churn logged from another desk). */
describe('a kept outcome on the card it comes back to', () => {
  const declined = (offer: string) => reduce(reduce(initialLogForm(dayjs('2026-12-06T10:00:00')), { type: 'choose', disposition: 'declined', topOffer: offer }), { type: 'reason', reason: 'price' });

  it('drops a declined offer the card no longer shows, keeping the rest; keeps one it still shows', () => {
    expect(resumedOnCard(declined('RENEW_HIDDEN'), ['CAR', 'FAMILY', 'DATA_SIM'])).toMatchObject({ disposition: 'declined', reason: 'price', offerCode: null });
    expect(resumedOnCard(declined('FAMILY'), ['CAR', 'FAMILY', 'DATA_SIM']).offerCode).toBe('FAMILY');
  });
});
