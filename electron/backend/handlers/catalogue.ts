import { ApiFailure } from '../../../core/api';
import { catalogueLimits, offerSheet, planSheet, templateSheets, type TemplateKind } from '../../../core/exchange/catalogue';
import { writeWorkbook } from '../../../core/exchange/write';
import { portingOnlyCondition } from '../../../core/offers/porting';
import { getOffer, listOffers, listPlans, saveOffer, savePlan } from '../../../db/catalogue';
import { writeAudit } from '../../../db/workspace';
import type { HandlerContext } from '../context';
import type { CatalogueImportResult } from '../../../core/api/ops/catalogue';
import type { CatalogueImportPayload } from '../jobs/catalogue-import';
import type { HandlerMap } from './types';

const dataChanged = (ctx: HandlerContext, what: string) => ctx.emit('data-changed', { what: [what], at: ctx.now().toISOString() });

/** The fields whose values differ between what was saved before and now. */
const changedFields = <T extends object>(before: T, after: T): string[] =>
  (Object.keys(after) as (keyof T & string)[]).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]));

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

export const catalogueHandlers = {
  'offer-list': (ctx) => listOffers(ctx.db),
  'plan-list': (ctx) => listPlans(ctx.db),

  'offer-save': (ctx, { offer }) => {
    // The porting rules forbid offers made only for customers porting out (issue 16 #6).
    const porting = portingOnlyCondition(offer.rules);
    if (porting) throw new ApiFailure('invalid-input', porting.code, porting.params, { field: 'rules' });
    const at = ctx.now().toISOString();
    const outcome = ctx.db.transaction(() => {
      const before = getOffer(ctx.db, offer.code);
      const r = saveOffer(ctx.db, offer, at);
      // An update names the fields it changed first: the log answers "what did they change", then shows the offer.
      const detail = before ? { changed: changedFields(before, offer), ...offer } : offer;
      writeAudit(ctx.db, { at, agentId: ctx.caller.agentId, action: `offer-${r === 'created' ? 'create' : 'update'}`, target: offer.code, detail });
      return r;
    })();
    dataChanged(ctx, 'offers');
    return { offer, created: outcome === 'created' };
  },

  'plan-save': (ctx, { plan }) => {
    const at = ctx.now().toISOString();
    const outcome = ctx.db.transaction(() => {
      const before = listPlans(ctx.db).find((p) => p.code === plan.code);
      const r = savePlan(ctx.db, plan, at);
      const detail = before ? { changed: changedFields(before, plan), ...plan } : plan;
      writeAudit(ctx.db, { at, agentId: ctx.caller.agentId, action: `plan-${r === 'created' ? 'create' : 'update'}`, target: plan.code, detail });
      return r;
    })();
    dataChanged(ctx, 'plans');
    return { plan, created: outcome === 'created' };
  },

  'catalogue-import': (ctx, { kind, file, onRejected, locale }) => {
    const staged = ctx.files.get(file);
    // Checked before starting: a catalogue is small, and a huge file picked by mistake should not be loaded.
    if (staged.size > catalogueLimits.bytes) {
      throw new ApiFailure('too-large', 'file.too-large', { size: Math.ceil(staged.size / 1024 / 1024), limit: catalogueLimits.bytes / 1024 / 1024 });
    }
    const payload: CatalogueImportPayload = { kind, filePath: staged.path, fileName: staged.name, onRejected, locale, agentId: ctx.caller.agentId };
    // Read and imported in a worker like every workbook (issue 12): a hostile file never stalls this thread.
    return ctx.jobs.start('catalogue-import', payload, (job) => {
      const result = job.result as CatalogueImportResult | undefined;
      if (job.state === 'done' && result && result.imported + result.updated > 0) dataChanged(ctx, kind);
    });
  },

  'catalogue-export': (ctx, { kind, locale }) => {
    const sheet = kind === 'offers' ? offerSheet(listOffers(ctx.db), locale) : planSheet(listPlans(ctx.db), locale);
    const en = locale === 'en';
    const name = kind === 'offers' ? (en ? 'offers' : '维系政策') : en ? 'tariff-plans' : '资费套餐';
    return stage(ctx, writeWorkbook([sheet], 'xlsx'), `${name}.xlsx`);
  },

  'template-export': (ctx, { kind, locale }) => {
    const name = locale === 'en' ? templateNames[kind].en : templateNames[kind].zh;
    return stage(ctx, writeWorkbook(templateSheets(kind, locale), 'xlsx'), `${name}.xlsx`);
  },
} satisfies Partial<HandlerMap>;
