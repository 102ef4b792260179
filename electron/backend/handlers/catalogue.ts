import { ApiFailure, type OperationOutput } from '../../../core/api';
import { catalogueLimits, offerSheet, planSheet, templateSheets, type TemplateKind } from '../../../core/exchange/catalogue';
import { writeWorkbook } from '../../../core/exchange/write';
import { checkOfferRules, offerSchema, type Offer, type Plan } from '../../../core/offers/catalogue';
import { getOffer, listOffers, listPlans, offerVersions, saveOffer, savePlan } from '../../../db/catalogue';
import { listExtraColumns } from '../../../db/extra-columns';
import { listAgents } from '../../../db/agents';
import { portingOnlyCondition } from '../../../core/offers/porting';
import { getWorkspaceValue, writeAudit } from '../../../db/workspace';
import { demoFileSheet } from '../../../core/demo/workbook';
import { changedFields, settingChanges } from '../../../core/setting-changes';
import { localDate, type HandlerContext } from '../context';
import { moreSubscribersThan } from '../../../db/scores';
import { offerReach } from '../offer-reach';
import type { OfferReachPayload } from '../jobs/offer-reach';
import { SEGMENT_INLINE_SUBSCRIBERS } from './segments';
import type { CatalogueImportResult } from '../../../core/api/ops/catalogue';
import type { CatalogueImportPayload } from '../jobs/catalogue-import';
import type { HandlerMap } from './types';

const dataChanged = (ctx: HandlerContext, what: string) => ctx.emit('data-changed', { what: [what], at: ctx.now().toISOString() });

const stage = (ctx: HandlerContext, bytes: Uint8Array, name: string) => {
  const staged = ctx.files.registerDownload(bytes, name);
  return { token: staged.token, name: staged.name, size: staged.size };
};

const templateNames: Record<TemplateKind, { zh: string; en: string }> = {
  worklist: { zh: '工作清单模板', en: 'work-list-template' },
  history: { zh: '历史清单模板', en: 'history-template' },
  offers: { zh: '维系政策模板', en: 'offers-template' },
  plans: { zh: '资费套餐模板', en: 'plans-template' },
};

/** Saved all the same: a rule may be written before the file that brings its column (condition.ts, "Unknown"). */
const ruleWarnings = (ctx: HandlerContext, offer: Offer) =>
  checkOfferRules(offer.rules, { columns: new Set(listExtraColumns(ctx.db)) }).warnings.map((w) => ({ code: w.code, params: w.params }));

export const catalogueHandlers = {
  'offer-list': (ctx) => listOffers(ctx.db),
  'plan-list': (ctx) => listPlans(ctx.db),
  'extra-column-list': (ctx) => ({ headers: listExtraColumns(ctx.db) }),

  'offer-save': (ctx, { offer }) => {
    // The porting rules forbid offers made only for customers porting out (issue 16 #6).
    const porting = portingOnlyCondition(offer.rules);
    if (porting) throw new ApiFailure('invalid-input', porting.code, porting.params, { field: 'rules' });
    const at = ctx.now().toISOString();
    const outcome = ctx.db.transaction(() => {
      const before = getOffer(ctx.db, offer.code);
      const r = saveOffer(ctx.db, offer, at, ctx.caller.agentId);
      // An update says what changed, from what to what (the log answers "what did they change"); the whole offer is in
      // its versions (offer-versions). A new offer is all new: the whole of it.
      const detail = before ? { changes: settingChanges(before, offer, changedFields) } : offer;
      writeAudit(ctx.db, { at, agentId: ctx.caller.agentId, action: `offer-${r === 'created' ? 'create' : 'update'}`, target: offer.code, detail });
      return r;
    })();
    dataChanged(ctx, 'offers');
    return { offer, created: outcome === 'created', warnings: ruleWarnings(ctx, offer) };
  },

  'offer-reach': async (ctx, { offer }) => {
    const payload: OfferReachPayload = { offer, today: localDate(ctx.now()) };
    // As a segment's preview: one scan of every customer, in a worker at a million so that look-ups go on meanwhile.
    return moreSubscribersThan(ctx.db, SEGMENT_INLINE_SUBSCRIBERS)
      ? ((await ctx.jobs.compute('offer-reach', payload)) as OperationOutput<'offer-reach'>)
      : offerReach(ctx.db, payload.offer, payload.today);
  },

  'offer-versions': (ctx, { code }) => ({ versions: offerVersions(ctx.db, code) }),

  'offer-restore': (ctx, { code, versionId }) => {
    const at = ctx.now().toISOString();
    const version = offerVersions(ctx.db, code, 10_000).find((v) => v.id === versionId);
    if (!version) throw new ApiFailure('not-found', 'api.no-offer-version', { code, version: versionId });
    // Checked as a new save would be: a version from before a rule change the schema no longer takes is refused.
    const offer = offerSchema.parse(version.offer);
    ctx.db.transaction(() => {
      const before = getOffer(ctx.db, code);
      saveOffer(ctx.db, offer, at, ctx.caller.agentId);
      writeAudit(ctx.db, { at, agentId: ctx.caller.agentId, action: 'offer-restore', target: code, detail: { version: versionId, changes: before ? settingChanges(before, offer, changedFields) : [] } });
    })();
    dataChanged(ctx, 'offers');
    return { offer, warnings: ruleWarnings(ctx, offer) };
  },

  'plan-save': (ctx, { plan }) => {
    const at = ctx.now().toISOString();
    const outcome = ctx.db.transaction(() => {
      const before = listPlans(ctx.db).find((p) => p.code === plan.code);
      const r = savePlan(ctx.db, plan, at);
      const detail = before ? { changes: settingChanges(before, plan, changedFields) } : plan;
      writeAudit(ctx.db, { at, agentId: ctx.caller.agentId, action: `plan-${r === 'created' ? 'create' : 'update'}`, target: plan.code, detail });
      return r;
    })();
    dataChanged(ctx, 'plans');
    return { plan, created: outcome === 'created' };
  },

  'catalogue-import': (ctx, { kind, file, onRejected, dryRun, locale }) => {
    const staged = ctx.files.get(file);
    // Checked before starting: a catalogue is small, and a huge file picked by mistake should not be loaded.
    if (staged.size > catalogueLimits.bytes) {
      throw new ApiFailure('too-large', 'file.too-large', { size: Math.ceil(staged.size / 1024 / 1024), limit: catalogueLimits.bytes / 1024 / 1024 });
    }
    const payload: CatalogueImportPayload = { kind, filePath: staged.path, fileName: staged.name, onRejected, dryRun, locale, agentId: ctx.caller.agentId };
    // Read and imported in a worker like every workbook (issue 12): a hostile file never stalls this thread.
    return ctx.jobs.start('catalogue-import', payload, (job) => {
      const result = job.result as CatalogueImportResult | undefined;
      if (job.state === 'done' && result && !result.checkOnly && result.imported + result.updated > 0) dataChanged(ctx, kind);
    });
  },

  'catalogue-export': (ctx, { kind, locale }) => {
    const items = kind === 'offers' ? listOffers(ctx.db) : listPlans(ctx.db);
    const sheet = kind === 'offers' ? offerSheet(items as Offer[], locale) : planSheet(items as Plan[], locale);
    const en = locale === 'en';
    const name = kind === 'offers' ? (en ? 'offers' : '维系政策') : en ? 'tariff-plans' : '资费套餐';
    const staged = stage(ctx, writeWorkbook([sheet], 'xlsx'), `${name}.xlsx`);
    // Every export is in the audit log, as the audit page says (found by a new supervisor: the catalogue's were not).
    writeAudit(ctx.db, { at: ctx.now().toISOString(), agentId: ctx.caller.agentId, action: 'catalogue-export', target: kind, detail: { rows: items.length, locale } });
    return staged;
  },

  'template-export': (ctx, { kind, locale }) => {
    const name = locale === 'en' ? templateNames[kind].en : templateNames[kind].zh;
    // The 执行人 example is an agent of this desk, so that a row copied from it is assigned.
    const agent = listAgents(ctx.db).find((a) => a.role === 'agent' && a.active === 1);
    return stage(ctx, writeWorkbook(templateSheets(kind, locale, agent ? { agentExample: agent.id } : {}), 'xlsx'), `${name}.xlsx`);
  },
  'demo-file-export': (ctx, { kind, locale }) => {
    // A real workspace works on the central side's own files; generated customers are the demo's to try the app with.
    if (getWorkspaceValue(ctx.db, 'demo') !== '1') throw new ApiFailure('forbidden', 'api.demo-only');
    const today = localDate(ctx.now());
    const en = locale === 'en';
    const names = kind === 'history' ? { file: en ? 'demo-history' : '演示历史数据', sheet: en ? 'History' : '历史清单' } : { file: en ? 'demo-work-list' : '演示工作清单', sheet: en ? 'Work list' : '任务工作清单' };
    return stage(ctx, writeWorkbook([{ name: names.sheet, ...demoFileSheet(kind, today) }], 'xlsx'), `${names.file}-${today}.xlsx`);
  },
} satisfies Partial<HandlerMap>;
