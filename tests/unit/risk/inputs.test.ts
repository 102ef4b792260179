import { describe, expect, it } from 'vitest';
import { generateSubscribers } from '../../../core/demo/generator';
import { compiled, defaultRiskConfig } from '../../../core/risk/config';
import { scoreOnly, scoreSubscriber, type ScoreOnlyResult } from '../../../core/risk/score';
import { segmentSubscriber } from '../../../core/risk/tags';
import { arpuAverage, dayOf, riskInputFields, type SubscriberRecord } from '../../../core/risk/values';
import { Rng } from '../../../core/demo/random';

/**
 * The recompute job reads only `riskInputFields` from the database. If a rule starts reading another field, the
 * job would silently score it as missing: this test watches every key the scorer touches.
 */
describe('riskInputFields', () => {
  it('covers every field the rule score, segments and tags read, also with fields missing', () => {
    const c = compiled(defaultRiskConfig);
    const today = '2026-11-23';
    const read = new Set<string>();
    const rnd = new Rng(11);
    const out: ScoreOnlyResult = { score: 0, level: 'stable', reasons: 0, unjudged: 0, changesOn: Infinity };
    for (const full of generateSubscribers({ seed: 5, count: 3000, today })) {
      const r: Record<string, unknown> = { ...full };
      // Knock out fields at random so that fallbacks (monthly ARPU, join date…) are read too.
      for (const k of Object.keys(r)) if (rnd.next() < 0.3) delete r[k];
      const watched = new Proxy(r, { get: (t, k) => (read.add(String(k)), t[k as string]) }) as SubscriberRecord;
      scoreOnly(watched, c, dayOf(today), out);
      scoreSubscriber(watched, c, { today });
      segmentSubscriber(watched, c, { today });
      arpuAverage(watched);
    }
    const listed = new Set<string>(riskInputFields);
    expect([...read].filter((k) => !listed.has(k)).sort()).toEqual([]);
    // …and the list names nothing the scorer never reads (it would only slow the scan down).
    expect([...listed].filter((k) => !read.has(k)).sort()).toEqual([]);
  });
});
