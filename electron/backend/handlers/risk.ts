import crypto from 'node:crypto';
import { ApiFailure } from '../../../core/api';
import { changedRiskKeys, defaultRiskConfig, riskConfigSchema } from '../../../core/risk/config';
import { activateConfigVersion, activeConfig, configVersion, listConfigVersions } from '../../../db/config';
import { activateModel, listModels } from '../../../db/models';
import { cvSummaryOf } from '../../../core/model/train';
import { refuseSaveOnStaleVersion, storedConfigVersions } from '../config-versions';
import { activeRiskConfig, saveRiskConfig, storedRiskConfig } from '../risk-config';
import { writeAudit } from '../../../db/workspace';
import { localDate } from '../context';
import type { HandlerMap } from './types';

export const riskHandlers = {
  'risk-recompute': (ctx) => ctx.jobs.start('risk-recompute', { today: localDate(ctx.now()) }),

  'risk-config-get': (ctx) => {
    const config = activeRiskConfig(ctx.db);
    return { config, version: config.version, isDefault: activeConfig(ctx.db, 'risk') === undefined };
  },

  'risk-config-save': (ctx, { config, basedOn }) => {
    const at = ctx.now().toISOString();
    const db = ctx.db;
    const previous = activeRiskConfig(db);
    refuseSaveOnStaleVersion(basedOn, previous.version);
    db.transaction(() => {
      const next = saveRiskConfig(db, config, at, ctx.caller.agentId);
      writeAudit(db, { at, agentId: ctx.caller.agentId, action: 'risk-config-save', target: `v${next}`, detail: { changed: changedRiskKeys(previous, config) } });
    })();
    return ctx.jobs.start('risk-recompute', { today: localDate(ctx.now()) });
  },

  'risk-config-preview': (ctx, { config }) => ctx.jobs.start('risk-config-preview', { config, today: localDate(ctx.now()) }),

  'risk-config-versions': (ctx) => ({
    items: storedConfigVersions(ctx.db, 'risk', { schema: riskConfigSchema, defaults: defaultRiskConfig, changedKeys: changedRiskKeys }).map(({ body, ...v }) => ({
      ...v,
      // The version a configuration is read as is the row's, whatever its body says.
      config: body && { ...body, version: v.version },
    })),
  }),

  'risk-config-activate': (ctx, { version }) => {
    const db = ctx.db;
    const row = configVersion(db, 'risk', version);
    // With nothing saved, version 1 (the built-in defaults) is already the active one: recompute only.
    if (!row && !(version === 1 && listConfigVersions(db, 'risk').length === 0)) {
      throw new ApiFailure('not-found', 'api.no-risk-version', { version: String(version) });
    }
    if (row && !storedRiskConfig(row.body)) {
      throw new ApiFailure('conflict', 'api.risk-version-unreadable', { version: String(version) });
    }
    const at = ctx.now().toISOString();
    const previous = activeConfig(db, 'risk')?.version ?? 1;
    if (row) activateConfigVersion(db, 'risk', version);
    writeAudit(db, { at, agentId: ctx.caller.agentId, action: 'risk-config-activate', target: `v${version}`, detail: { previous: `v${previous}` } });
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
    // The scored file carries the input's customers: an export like any other (docs/product.md §8).
    writeAudit(ctx.db, { at: ctx.now().toISOString(), agentId: ctx.caller.agentId, action: 'model-predict', target: file.name });
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
        trainedByName: m.trained_by_name,
        sourceFile: m.source_file,
        rows: m.rows,
        active: m.active === 1,
        holdout: metrics.holdout,
        cv: cvSummaryOf(metrics),
        compared: metrics.compared,
        importance: JSON.parse(m.importance),
      };
    }),
  }),

  'model-activate': (ctx, { version }) => {
    if (!activateModel(ctx.db, version)) throw new ApiFailure('not-found', 'api.no-model-version', { version: String(version) });
    writeAudit(ctx.db, { at: ctx.now().toISOString(), agentId: ctx.caller.agentId, action: 'model-activate', target: version === null ? 'none' : `v${version}` });
    // Probabilities and queue order follow the active model: recompute everyone.
    return ctx.jobs.start('risk-recompute', { today: localDate(ctx.now()) });
  },
} satisfies Partial<HandlerMap>;
