import { queuePriority } from '../../core/contact/policy';
import { compiled, type CompiledRiskConfig } from '../../core/risk/config';
import { scoreOnly, type ScoreOnlyResult, type SubscriberRecord } from '../../core/risk/score';
import { segmentSubscriber } from '../../core/risk/tags';
import { arpuAverage, dayOf } from '../../core/risk/values';
import type { Db } from '../../db/connection';
import { scoreWriter, subscriberBatch, subscriberCount, subscribersByNumber } from '../../db/scores';
import { activeChurnModel, createPredictor } from './model-cache';
import { activeRiskConfig } from './risk-config';

/** Value at stake used for the queue order: a year of the customer's ARPU (PRODUCT §5.2 horizon). */
const VALUE_HORIZON_MONTHS = 12;

/**
 * Recomputes risk level, reasons, segments and tags and the open task's queue priority, for every subscriber
 * or for the given numbers, with the active configuration. The caller owns the transaction (an import scores
 * what it stored inside its own; the recompute job wraps the whole run), so a cancel rolls everything back.
 */
export function scoreSubscribers(
  db: Db,
  opts: { today: string; at: string; msisdns?: readonly number[]; onBatch?: (done: number, total: number) => void; batchSize?: number },
): number {
  const cfg = activeRiskConfig(db);
  const c = compiled(cfg);
  const todayDay = dayOf(opts.today);
  const write = scoreWriter(db);
  const out: ScoreOnlyResult = { score: 0, level: 'stable', reasons: 0, unjudged: 0 };
  const active = activeChurnModel(db);
  const model = active ? { version: active.version, predict: createPredictor(active.model, opts.today) } : null;
  const scoreOne = (row: Record<string, unknown>) => scoreRow(row, c, cfg.version, todayDay, opts, out, write, model);

  if (opts.msisdns) {
    const size = opts.batchSize ?? 2000;
    for (let i = 0; i < opts.msisdns.length; i += size) {
      for (const row of subscribersByNumber(db, opts.msisdns.slice(i, i + size))) scoreOne(row);
      opts.onBatch?.(Math.min(i + size, opts.msisdns.length), opts.msisdns.length);
    }
    return opts.msisdns.length;
  }
  const total = subscriberCount(db);
  const size = opts.batchSize ?? 5000;
  let done = 0;
  for (let after = 0; ; ) {
    const rows = subscriberBatch(db, after, size);
    if (rows.length === 0) break;
    for (const row of rows) scoreOne(row);
    after = rows[rows.length - 1]!.msisdn as number;
    done += rows.length;
    opts.onBatch?.(done, total);
  }
  return done;
}

function scoreRow(
  row: Record<string, unknown>,
  c: CompiledRiskConfig,
  configVersion: number,
  todayDay: number,
  opts: { today: string; at: string },
  out: ScoreOnlyResult,
  write: ReturnType<typeof scoreWriter>,
  model: { version: number; predict: (row: Record<string, unknown>) => number } | null,
): void {
  const s = row as SubscriberRecord;
  // The model reads extra attributes too; they are stored as JSON text.
  const pChurn = model ? model.predict({ ...row, extra: typeof row.extra === 'string' ? JSON.parse(row.extra) : row.extra }) : null;
  scoreOnly(s, c, todayDay, out);
  const seg = segmentSubscriber(s, c, { today: opts.today });
  const arpu = arpuAverage(s);
  const value = (arpu === arpu ? arpu : 0) * VALUE_HORIZON_MONTHS;
  write(
    {
      msisdn: row.msisdn as number,
      score: out.score,
      level: out.level,
      reasons: out.reasons,
      unjudged: out.unjudged,
      pChurn,
      tier: seg.tier,
      sensitivity: seg.sensitivity,
      tags: seg.tags.map((t) => t.code).join(','),
      configVersion,
      modelVersion: model?.version ?? null,
      computedAt: opts.at,
    },
    queuePriority(out.score, out.level, value, { pChurn }),
  );
}
