import crypto from 'node:crypto';
import { ApiFailure } from '../../../core/api';
import { activeConfig, saveConfigVersion } from '../../../db/config';
import { activateModel, listModels } from '../../../db/models';
import { activeRiskConfig } from '../risk-config';
import { writeAudit } from '../../../db/workspace';
import { localDate } from '../context';
import type { HandlerMap } from './types';

export const riskHandlers = {
  'risk-recompute': (ctx) => ctx.jobs.start('risk-recompute', { today: localDate(ctx.now()) }),

  'risk-config-get': (ctx) => {
    const config = activeRiskConfig(ctx.db);
    return { config, version: config.version, isDefault: activeConfig(ctx.db, 'risk') === undefined };
  },

  'risk-config-save': (ctx, { config }) => {
    const at = ctx.now().toISOString();
    const version = saveConfigVersion(ctx.db, 'risk', JSON.stringify(config), at, ctx.caller.agentId);
    writeAudit(ctx.db, { at, agentId: ctx.caller.agentId, action: 'risk-config-save', target: `v${version}` });
    return ctx.jobs.start('risk-recompute', { today: localDate(ctx.now()) });
  },

  'model-train': (ctx, input) => {
    const file = ctx.files.get(input.file);
    return ctx.jobs.start('model-train', {
      ...input,
      filePath: file.path,
      fileName: file.name,
      issuesPath: `${ctx.files.stagingDir}/train-issues-${crypto.randomUUID()}.json`,
      agentId: ctx.caller.agentId,
      today: localDate(ctx.now()),
    });
  },

  'model-predict': (ctx, input) => {
    const file = ctx.files.get(input.file);
    const out = ctx.files.reserveDownload(`${file.name.replace(/\.[^.]+$/, '')}-${input.locale === 'en' ? 'scores' : '评分'}.xlsx`);
    return ctx.jobs.start('model-predict', {
      ...input,
      filePath: file.path,
      fileName: file.name,
      issuesPath: `${out.path}.issues.json`,
      outPath: out.path,
      outToken: out.token,
      outName: out.name,
      agentId: ctx.caller.agentId,
      today: localDate(ctx.now()),
    });
  },

  'model-list': (ctx) => ({
    items: listModels(ctx.db).map((m) => {
      const metrics = JSON.parse(m.metrics) as { holdout: Record<string, unknown>; compared: Record<string, unknown>[] };
      return {
        version: m.version,
        method: m.method,
        trainedAt: m.trained_at,
        trainedBy: m.trained_by,
        sourceFile: m.source_file,
        rows: m.rows,
        active: m.active === 1,
        holdout: metrics.holdout,
        compared: metrics.compared,
        importance: JSON.parse(m.importance),
      };
    }),
  }),

  'model-activate': (ctx, { version }) => {
    if (!activateModel(ctx.db, version)) throw new ApiFailure('not-found', `No model version ${version}.`);
    writeAudit(ctx.db, { at: ctx.now().toISOString(), agentId: ctx.caller.agentId, action: 'model-activate', target: version === null ? 'none' : `v${version}` });
    // Probabilities and queue order follow the active model: recompute everyone.
    return ctx.jobs.start('risk-recompute', { today: localDate(ctx.now()) });
  },
} satisfies Partial<HandlerMap>;
