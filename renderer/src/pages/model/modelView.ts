import type { OperationOutput } from '../../../../core/api';
import type { CalibrationBin, EvaluationMetrics, GainsRow, RocPoint } from '../../../../core/model/evaluate';
import type { ComparedMethod } from '../../../../core/model/train';
import type { PlainMessageKey } from '../../i18n/catalogue';

export type ModelItem = OperationOutput<'model-list'>['items'][number];

/** What the holdout evaluation holds (core/model/evaluate.ts); the contract carries it as an open record. */
export type Holdout = Pick<EvaluationMetrics, 'n' | 'positives' | 'auc' | 'topDecileLift'> & {
  gains: GainsRow[];
  calibration: CalibrationBin[];
  roc: RocPoint[];
};

const finite = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * Reads a version's holdout figures defensively: a model stored by an older build may lack a table, and JSON
 * turns the ROC's first threshold (Infinity) and an empty calibration bin's rate (NaN) into null.
 */
export function holdoutOf(item: ModelItem): Holdout {
  const h = item.holdout as Partial<Record<keyof Holdout, unknown>>;
  const rows = <T>(v: unknown): T[] => (Array.isArray(v) ? (v as T[]) : []);
  return {
    n: finite(h.n) ?? 0,
    positives: finite(h.positives) ?? 0,
    auc: finite(h.auc) ?? NaN,
    topDecileLift: finite(h.topDecileLift) ?? NaN,
    gains: rows<GainsRow>(h.gains),
    calibration: rows<CalibrationBin>(h.calibration),
    roc: rows<RocPoint>(h.roc).filter((p) => finite(p.fpr) !== null && finite(p.tpr) !== null),
  };
}

export function comparedOf(item: ModelItem): ComparedMethod[] {
  return item.compared.filter((c): c is ComparedMethod & Record<string, unknown> => typeof c.method === 'string') as ComparedMethod[];
}

const methodKeys: Record<string, PlainMessageKey> = {
  logistic: 'model.method.logistic',
  gbdt: 'model.method.gbdt',
  blend: 'model.method.blend',
};
/** A method the catalogue does not know (a newer build's) is shown as its code. */
export const methodLabel = (method: string, t: (k: PlainMessageKey) => string): string => (methodKeys[method] ? t(methodKeys[method]) : method);

/** AUC bands a supervisor can act on; docs/product.md §4.2 puts a good model on telco data at 0.84–0.85. */
export type Quality = 'good' | 'fair' | 'weak';
export const qualityOf = (auc: number): Quality => (auc >= 0.8 ? 'good' : auc >= 0.7 ? 'fair' : 'weak');

/**
 * Mean gap between predicted and observed churn rate over the holdout, weighted by customers per bin: the one
 * figure that says whether "38%" on a card can be read as 38%.
 */
export function calibrationGap(bins: readonly CalibrationBin[]): number | null {
  let n = 0;
  let gap = 0;
  for (const b of bins) {
    const p = finite(b.meanPredicted);
    const o = finite(b.observed);
    if (!b.n || p === null || o === null) continue;
    n += b.n;
    gap += b.n * Math.abs(p - o);
  }
  return n > 0 ? gap / n : null;
}

/**
 * The model jobs word file-level failures for either reader as "中文 … / English …" (see model-train.ts); show
 * the half in the UI language. Anything not in that shape (one language, a path with a slash) is left whole.
 */
export function inLocale(message: string, locale: 'zh-CN' | 'en'): string {
  const parts = message.split(' / ');
  if (parts.length !== 2) return message;
  const [zh, en] = parts as [string, string];
  if (!/^[\u3400-\u9fff\uff08\u201c]/.test(zh) || !/^[A-Za-z]/.test(en)) return message;
  return locale === 'zh-CN' ? zh : en;
}
