import fs from 'node:fs';
import { ApiFailure } from '../../../core/api';
import type { ModelPredictResult } from '../../../core/api/ops/risk';
import { writeWorkbook } from '../../../core/exchange/write';
import { predictChurn } from '../../../core/model/train';
import { compiled } from '../../../core/risk/config';
import { reasonText, levelText } from '../../../core/risk/messages';
import { scoreSubscriber, type SubscriberRecord } from '../../../core/risk/score';
import { givenChurnP } from '../../../core/risk/signal';
import { activeChurnModel } from '../model-cache';
import { activeRiskConfig } from '../risk-config';
import type { JobContext } from './kinds';
import { checkSheet, type WorklistJobPayload } from './worklist-import';

/**
 * Scores the rows of a workbook (no import): the active model's probability with its top contributions, and
 * the rule level with its reasons, written to a new workbook for the central side.
 */
export async function modelPredictJob(ctx: JobContext<WorklistJobPayload & { outPath: string; outToken: string; outName: string; locale: 'zh-CN' | 'en' }>): Promise<ModelPredictResult> {
  const c = await checkSheet(ctx);
  const active = activeChurnModel(ctx.db);
  const cfg = compiled(activeRiskConfig(ctx.db));
  const en = ctx.payload.locale === 'en';
  const header = en
    ? ['MSISDN', 'Churn probability', 'Model version', 'Rule level', 'Rule score', 'Top model factors', 'Rule reasons']
    : ['手机号码', '离网概率', '模型版本', '规则等级', '规则评分', '模型主要因素', '规则原因'];
  const rows: (string | number | null)[][] = [];
  for (const { record } of c.records) {
    const row = { ...record.fields, msisdn: record.msisdn, extra: record.extra };
    const risk = scoreSubscriber(row as SubscriberRecord, cfg, { today: ctx.payload.today });
    const p = active ? predictChurn(active.model, row, ctx.payload.today, 3) : null;
    rows.push([
      record.msisdn,
      p ? givenChurnP(p.p) : null,
      active?.version ?? null,
      levelText(ctx.payload.locale, risk.level),
      risk.score,
      p ? p.contributions.map((x) => `${en ? x.label : x.labelZh} ${x.contribution >= 0 ? '+' : ''}${x.contribution.toFixed(2)}`).join('; ') : '',
      risk.reasons
        .slice(0, 3)
        .map((r) => reasonText(ctx.payload.locale, r))
        .join('; '),
    ]);
    if (rows.length % 5000 === 0) {
      ctx.progress('scoring', rows.length, c.records.length);
      ctx.checkCancelled();
    }
  }
  if (rows.length === 0) throw new ApiFailure('invalid-input', 'api.predict-no-rows');
  fs.writeFileSync(ctx.payload.outPath, writeWorkbook([{ name: en ? 'Scores' : '评分结果', header, rows, numberFormats: { 1: '0.00%' }, autoFilter: true }], 'xlsx'));
  return { rows: rows.length, model: active?.version ?? null, download: { token: ctx.payload.outToken, name: ctx.payload.outName } };
}
