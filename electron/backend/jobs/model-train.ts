import { ApiFailure } from '../../../core/api';
import type { ModelTrainResult } from '../../../core/api/ops/risk';
import { trainChurnModel } from '../../../core/model/train';
import { insertModel } from '../../../db/models';
import { writeAudit } from '../../../db/workspace';
import type { JobContext } from './kinds';
import { checkSheet, type WorklistJobPayload } from './worklist-import';

/**
 * Trains a churn model from a labelled history workbook (docs/product.md §4.2), on the machine, and stores it as a new
 * inactive version. The file is read and mapped exactly as a work list is (same header matching, same
 * normalisation), so canonical fields and extra columns both become features.
 */
export async function modelTrainJob(ctx: JobContext<WorklistJobPayload & { seed?: number }>): Promise<ModelTrainResult> {
  const c = await checkSheet(ctx);
  const labelled = c.records.filter((r) => r.record.fields.churned === 0 || r.record.fields.churned === 1);
  if (!c.mapping.some((m) => m.target.kind === 'field' && m.target.field === 'churned')) {
    throw new ApiFailure('invalid-input', 'api.train-no-churned');
  }
  const positives = labelled.filter((r) => r.record.fields.churned === 1).length;
  if (labelled.length < 200 || positives < 20 || labelled.length - positives < 20) {
    throw new ApiFailure('invalid-input', 'api.train-too-few', { rows: labelled.length, churned: positives });
  }
  const rows = labelled.map((r) => ({ ...r.record.fields, msisdn: r.record.msisdn, extra: r.record.extra }));
  const result = trainChurnModel(rows, {
    seed: ctx.payload.seed ?? 20261123,
    today: ctx.payload.today,
    onProgress: (p) => {
      ctx.progress(`training:${p.stage}`, Math.round(p.fraction * 100), 100);
      ctx.checkCancelled();
    },
    clock: () => performance.now(),
  });
  const version = ctx.db.transaction(() => {
    const v = insertModel(ctx.db, {
      method: result.model.method,
      trainedAt: ctx.startedAt,
      trainedBy: ctx.payload.agentId,
      sourceFile: ctx.payload.fileName,
      rows: labelled.length,
      metrics: result.metrics,
      importance: result.importance.slice(0, 30),
      model: result.model,
    });
    writeAudit(ctx.db, { at: ctx.startedAt, agentId: ctx.payload.agentId, action: 'model-train', target: `v${v}`, detail: { method: result.model.method, auc: result.metrics.holdout.auc, cvAuc: result.metrics.cv.auc.mean } });
    return v;
  })();
  const h = result.metrics.holdout;
  return {
    version,
    method: result.model.method,
    rows: labelled.length,
    positives,
    unlabelled: c.records.length - labelled.length,
    holdout: { auc: h.auc, topDecileLift: h.topDecileLift, n: h.n, positives: h.positives },
    cv: result.metrics.cv,
    compared: result.metrics.compared.map((m) => ({ method: m.method, validationAuc: m.validationAuc, validationAucSd: m.validationAucSd, holdoutAuc: m.holdoutAuc })),
  };
}
