import type { RiskConfigPreviewResult, RiskLevelCounts } from '../../../core/api/ops/risk';
import { compiled, stickyInputFields, type RiskConfig } from '../../../core/risk/config';
import { riskLevels, scoreOnly, type RiskLevel, type ScoreOnlyResult, type SubscriberRecord } from '../../../core/risk/score';
import { dayOf, riskInputFields } from '../../../core/risk/values';
import { activeRiskConfig } from '../risk-config';
import { forEachStoredRecord } from '../stored-records';
import type { JobContext } from './kinds';

const zero = (): RiskLevelCounts => ({ high: 0, medium: 0, low: 0, stable: 0 });

/**
 * What a candidate risk configuration would do (docs/product.md §4.1, "configurable, versioned"): every stored
 * subscriber is scored with the active configuration and with the candidate by the same scorer the recompute
 * job uses, over the same stored rows (the packed ones where current: `forEachStoredRecord`), and only counts are kept.
 * Nothing is written. The whole read runs in one read transaction so the counts describe one moment even while agents
 * log attempts (WAL readers never block writers). `wide`: the wide rows of everyone (the bench's baseline).
 */
export function riskConfigPreviewJob(ctx: JobContext<{ config: RiskConfig; today: string; wide?: boolean }>): RiskConfigPreviewResult {
  const { db } = ctx;
  return db.transaction(() => {
    const active = activeRiskConfig(db);
    const before = compiled(active);
    const after = compiled(ctx.payload.config);
    const todayDay = dayOf(ctx.payload.today);
    const fields = [...new Set([...riskInputFields, ...stickyInputFields(active), ...stickyInputFields(ctx.payload.config)])];

    // 4 × 4 transition counts, indexed by level order (high, medium, low, stable).
    const index = new Map<RiskLevel, number>(riskLevels.map((l, i) => [l, i]));
    const moves = new Array<number>(16).fill(0);
    const openMoves = new Array<number>(16).fill(0);
    const outA: ScoreOnlyResult = { score: 0, level: 'stable', reasons: 0, unjudged: 0, changesOn: Infinity };
    const outB: ScoreOnlyResult = { score: 0, level: 'stable', reasons: 0, unjudged: 0, changesOn: Infinity };
    ctx.progress('scoring', 0, null);
    forEachStoredRecord(
      db,
      fields,
      (record, openTask) => {
        const s = record as SubscriberRecord;
        scoreOnly(s, before, todayDay, outA);
        scoreOnly(s, after, todayDay, outB);
        const cell = index.get(outA.level)! * 4 + index.get(outB.level)!;
        moves[cell]!++;
        if (openTask) openMoves[cell]!++;
      },
      (done, total) => {
        ctx.progress('scoring', done, total);
        ctx.checkCancelled();
      },
      { wide: ctx.payload.wide },
    );

    const summarise = (m: number[]) => {
      const from = zero();
      const to = zero();
      let changed = 0;
      let count = 0;
      m.forEach((n, cell) => {
        const a = riskLevels[Math.floor(cell / 4)]!;
        const b = riskLevels[cell % 4]!;
        from[a] += n;
        to[b] += n;
        count += n;
        if (a !== b) changed += n;
      });
      return { from, to, changed, count };
    };
    const all = summarise(moves);
    const open = summarise(openMoves);
    return {
      activeVersion: active.version,
      subscribers: all.count,
      changed: all.changed,
      transitions: moves.flatMap((count, cell) => (count > 0 ? [{ from: riskLevels[Math.floor(cell / 4)]!, to: riskLevels[cell % 4]!, count }] : [])),
      before: all.from,
      after: all.to,
      openTasks: open.count,
      openTasksChanged: open.changed,
      openTasksBefore: open.from,
      openTasksAfter: open.to,
    };
  })();
}
