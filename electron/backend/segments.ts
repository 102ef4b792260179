import { customerChurnP } from '../../core/risk/signal';
import type { RiskLevel } from '../../core/risk/score';
import { maskMsisdn } from '../../core/privacy/mask';
import { compileCondition, dayOfDate, maskOf, newBits, T, type Eval, type Facts } from '../../core/rules/condition';
import { checkSegmentCondition, requiredLevels, segmentNeeds, type SegmentCondition } from '../../core/segments/segment';
import type { Db } from '../../db/connection';
import { listExtraColumns } from '../../db/extra-columns';
import { subscriberCount } from '../../db/scores';
import { scanSegmentRows, type SegmentRow } from '../../db/segments';

export const SAMPLE_SIZE = 10;
/** Halls beyond this many are summed into one "other" entry: a split is for reading, not a dump. */
export const MAX_HALLS = 50;

export interface SegmentPreview {
  count: number;
  total: number;
  sample: { msisdnMasked: string; level: string | null; hall: string | null }[];
  byLevel: { level: string | null; count: number }[];
  byHall: { hall: string | null; count: number }[];
  /** Halls beyond MAX_HALLS, summed. */
  otherHalls: number;
  warnings: { code: string; params: Record<string, string | number> }[];
}

const none: readonly string[] = [];

/** The derived facts (condition.ts derivedFields) of a scanned row, into `into`: its stored level and score, and P(churn). */
export function derivedFacts(row: SegmentRow, into: Record<string, unknown>): void {
  into.risk_level = row.level ?? undefined;
  into.risk_score = row.score ?? undefined;
  // P(churn) as the queue and the card's offers use it (core/risk/signal.ts customerChurnP).
  into.p_churn = row.score === null || row.level === null ? undefined : customerChurnP(row.score, row.level as RiskLevel, row.pChurn).p;
}

/**
 * Walks the stored customers a segment holds, in one pass over the subscribers (db/segments.ts `scanSegmentRows`),
 * reading only what the condition names, and calls `each` for every customer in it. A customer is in when every
 * condition holds (T); unknown counts as not holding (core/segments/segment.ts). A column the workspace lacks is
 * always unknown, and named in a warning. Scan order is by number; when the condition fixes the level, highest level
 * first. The row passed is reused: copy what is kept. Returns the customers stored and the warnings.
 */
export function scanSegment(db: Db, condition: SegmentCondition, today: string, each: (row: SegmentRow) => void): { total: number; warnings: SegmentPreview['warnings'] } {
  const columns = new Set(listExtraColumns(db));
  const warnings = checkSegmentCondition(condition, { columns }).warnings.map((w) => ({ code: w.code, params: w.params }));
  const bits = newBits();
  const tests: Eval[] = (condition.all ?? []).map((c) => compileCondition(c, { bits, columns }));
  const needs = segmentNeeds(condition);
  const derived: Record<string, unknown> = {};
  const facts: Facts = { s: {}, extra: null, derived: needs.derived ? derived : null, tags: none, lists: none, tm: 0, lm: 0, today: dayOfDate(today) };
  // Rows read; when a level narrows the scan, the stored total is counted apart (the bare count, cheap).
  let total = 0;
  const levels = requiredLevels(condition);
  // Columns the workspace lacks are not read: their tests are unknown whatever a row holds.
  const read = { fields: needs.fields, derived: needs.derived, tags: needs.tags, columns: [...needs.columns].filter((c) => columns.has(c)), lists: needs.lists, levels };
  scanSegmentRows(db, read, (row) => {
    total++;
    // The scan reuses one row object: its values are the facts, without copying.
    facts.s = row.fields;
    facts.extra = row.extra;
    if (needs.derived) derivedFacts(row, derived);
    if (needs.tags) {
      facts.tags = row.tags ? row.tags.split(',') : none;
      facts.tm = maskOf(bits.tags, facts.tags);
    }
    if (needs.lists) {
      facts.lists = row.lists ? row.lists.split(',') : none;
      facts.lm = maskOf(bits.lists, facts.lists);
    }
    for (let i = 0; i < tests.length; i++) if (tests[i]!(facts) !== T) return;
    each(row);
  });
  return { total: levels ? subscriberCount(db) : total, warnings };
}

/** The count, a masked sample and the split by level and hall of the customers a segment holds (`scanSegment`). */
export function previewSegment(db: Db, condition: SegmentCondition, today: string): SegmentPreview {
  const byLevel = new Map<string | null, number>();
  const byHall = new Map<string | null, number>();
  const sample: SegmentPreview['sample'] = [];
  let count = 0;
  const { total, warnings } = scanSegment(db, condition, today, (row) => {
    count++;
    byLevel.set(row.level, (byLevel.get(row.level) ?? 0) + 1);
    byHall.set(row.hall, (byHall.get(row.hall) ?? 0) + 1);
    if (sample.length < SAMPLE_SIZE) sample.push({ msisdnMasked: maskMsisdn(row.msisdn) ?? '', level: row.level, hall: row.hall });
  });
  const levelOrder = ['high', 'medium', 'low', 'stable'];
  const halls = [...byHall].map(([hall, n]) => ({ hall, count: n })).sort((a, b) => b.count - a.count);
  return {
    count,
    total,
    sample,
    byLevel: [...byLevel]
      .map(([level, n]) => ({ level, count: n }))
      .sort((a, b) => (levelOrder.indexOf(a.level ?? '') + 5) % 5 - (levelOrder.indexOf(b.level ?? '') + 5) % 5),
    byHall: halls.slice(0, MAX_HALLS),
    otherHalls: halls.slice(MAX_HALLS).reduce((n, h) => n + h.count, 0),
    warnings,
  };
}
