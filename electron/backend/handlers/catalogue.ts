import { ApiFailure, type RowIssueView } from '../../../core/api';
import {
  catalogueLimits,
  offerSheet,
  parseOfferRows,
  parsePlanRows,
  planSheet,
  readCatalogueFile,
  templateSheets,
  type CatalogueIssue,
  type CatalogueParseResult,
  type TemplateKind,
} from '../../../core/exchange/catalogue';
import { writeWorkbook } from '../../../core/exchange/write';
import { formatMessage } from '../../../core/i18n';
import type { Offer, Plan } from '../../../core/offers/catalogue';
import { listOffers, listPlans, saveOffer, savePlan } from '../../../db/catalogue';
import { writeAudit } from '../../../db/workspace';
import type { HandlerContext } from '../context';
import type { HandlerMap } from './types';

const toView = (i: CatalogueIssue): RowIssueView => ({ ...i, params: { ...i.params } });

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

export const catalogueHandlers = {
  'offer-list': (ctx) => listOffers(ctx.db),
  'plan-list': (ctx) => listPlans(ctx.db),

  'offer-save': (ctx, { offer }) => {
    const at = ctx.now().toISOString();
    const outcome = ctx.db.transaction(() => {
      const r = saveOffer(ctx.db, offer, at);
      writeAudit(ctx.db, { at, agentId: ctx.caller.agentId, action: `offer-${r === 'created' ? 'create' : 'update'}`, target: offer.code, detail: offer });
      return r;
    })();
    dataChanged(ctx, 'offers');
    return { offer, created: outcome === 'created' };
  },

  'plan-save': (ctx, { plan }) => {
    const at = ctx.now().toISOString();
    const outcome = ctx.db.transaction(() => {
      const r = savePlan(ctx.db, plan, at);
      writeAudit(ctx.db, { at, agentId: ctx.caller.agentId, action: `plan-${r === 'created' ? 'create' : 'update'}`, target: plan.code, detail: plan });
      return r;
    })();
    dataChanged(ctx, 'plans');
    return { plan, created: outcome === 'created' };
  },

  'catalogue-import': (ctx, { kind, file, onRejected, locale }) => {
    const staged = ctx.files.get(file);
    // Checked before reading: a catalogue is small, and a huge file picked by mistake should not be loaded.
    if (staged.size > catalogueLimits.bytes) {
      throw new ApiFailure('too-large', formatMessage(locale, 'file.too-large', { size: Math.ceil(staged.size / 1024 / 1024), limit: catalogueLimits.bytes / 1024 / 1024 }));
    }
    const read = readCatalogueFile(ctx.files.read(file), kind);
    if (!read.ok) throw new ApiFailure('bad-file', formatMessage(locale, read.code, read.params));
    const parsed: CatalogueParseResult<Offer | Plan> =
      kind === 'offers' ? parseOfferRows(read.rows, { fromCsv: read.fromCsv }) : parsePlanRows(read.rows, { fromCsv: read.fromCsv });
    const issues = parsed.issues.map(toView);
    if (!parsed.headerOk) {
      const errors = issues.filter((i) => i.severity === 'error');
      throw new ApiFailure('bad-file', errors.map((i) => formatMessage(locale, i.code, i.params)).join('\n'), { issues: errors });
    }
    const base = { fileName: staged.name, read: parsed.read, rejected: parsed.rejected, issues };
    if (parsed.rejected > 0 && onRejected === 'import-nothing') return { ...base, imported: 0, updated: 0, abandoned: true };

    const at = ctx.now().toISOString();
    let imported = 0;
    let updated = 0;
    // One transaction: a catalogue is replaced as one, never left half imported.
    ctx.db.transaction(() => {
      for (const item of parsed.items) {
        const r = kind === 'offers' ? saveOffer(ctx.db, item as Offer, at) : savePlan(ctx.db, item as Plan, at);
        if (r === 'created') imported++;
        else updated++;
      }
      writeAudit(ctx.db, {
        at,
        agentId: ctx.caller.agentId,
        action: `catalogue-import`,
        target: kind,
        detail: { fileName: staged.name, read: parsed.read, imported, updated, rejected: parsed.rejected, codes: parsed.items.map((i) => i.code) },
      });
    })();
    if (imported + updated > 0) dataChanged(ctx, kind);
    return { ...base, imported, updated, abandoned: false };
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
