import { ApiFailure } from '../../../core/api';
import type { AuditEntryView, AuditFilter } from '../../../core/api/ops/audit';
import { auditFilterSheet, auditFiltered, auditSheet } from '../../../core/audit/actions';
import { writeWorkbook } from '../../../core/exchange/write';
import { maskMsisdn } from '../../../core/privacy/mask';
import { auditActionsInUse, auditCount, auditPage, auditRows, type AuditQuery, type AuditRow } from '../../../db/audit';
import type { Db } from '../../../db/connection';
import { writeAudit } from '../../../db/workspace';
import { workListNames } from '../../../db/worklists';
import { getTask } from '../../../db/tasks';
import { listGroups } from '../../../db/groups';
import { campaignNames } from '../../../db/campaigns';
import { localDate, localDayStart } from '../context';
import { purgePreview, retentionSettings, runPurge, saveRetention } from '../retention';
import type { HandlerMap } from './types';

/** Excel's row limit less the header: an export that would not fit is refused with the count, never cut short. */
const MAX_EXPORT_ROWS = 1_048_575;

/** From/to are local calendar days, both included: [local midnight of from, local midnight after to). */
function toQuery(f: AuditFilter): AuditQuery {
  if (f.from && f.to && f.from > f.to) {
    throw new ApiFailure('invalid-input', 'api.audit-dates-reversed', { from: f.from, to: f.to }, { field: 'from' });
  }
  return {
    fromAt: f.from ? localDayStart(f.from) : undefined,
    toAt: f.to ? localDayStart(f.to, 1) : undefined,
    agentId: f.agentId,
    actions: f.actions,
    text: f.text,
  };
}

function parseDetail(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/**
 * An entry as the screen and the workbook show it, with the name of a list, an agent group or a campaign it numbers
 * (no personal data): 坐席组 1 alone meant nothing to a supervisor (found by a new one).
 */
const entryOf = (db: Db) => {
  // Read once per page or export: a few hundred lists, groups and campaigns at most.
  const names = workListNames(db);
  const groups = new Map(listGroups(db).map((g) => [g.id, g.name]));
  const campaigns = campaignNames(db);
  const nameOf = (target: string): string | null => {
    // A task by its customer's masked number, as the queue shows it.
    const task = /^task (\d+)$/u.exec(target);
    if (task) {
      const row = getTask(db, Number(task[1]));
      return row ? maskMsisdn(row.msisdn) : null;
    }
    const m = /^(list|group|campaign) (\d+)$/u.exec(target);
    if (!m) return null;
    const id = Number(m[2]);
    return (m[1] === 'list' ? names.get(id) : m[1] === 'group' ? groups.get(id) : campaigns.get(id)) ?? null;
  };
  return (r: AuditRow): AuditEntryView => {
    return {
      id: r.id,
      at: r.at,
      agentId: r.agent_id,
      agentName: r.agent_name,
      action: r.action,
      target: r.target,
      targetName: r.target ? nameOf(r.target) : null,
      detail: parseDetail(r.detail),
    };
  };
};

/** The audit log (docs/product.md §8) and data retention, for supervisors. */
export const auditHandlers = {
  'audit-list': (ctx, { offset, limit, ...filter }) => {
    const page = auditPage(ctx.db, toQuery(filter), offset, limit);
    return { total: page.total, items: page.rows.map(entryOf(ctx.db)), actionsInUse: auditActionsInUse(ctx.db) };
  },

  'audit-export': (ctx, { locale, ...filter }) => {
    const query = toQuery(filter);
    const rows = auditCount(ctx.db, query);
    if (rows > MAX_EXPORT_ROWS) {
      throw new ApiFailure('too-large', 'api.audit-too-many-rows', { rows, max: MAX_EXPORT_ROWS });
    }
    const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const entry = entryOf(ctx.db);
    // The search text is masked like a number on screen, should someone have typed a whole phone number into it.
    const filters = { ...filter, ...(filter.text ? { text: filter.text.replace(/\d{7,}/g, (d) => maskMsisdn(d)!) } : {}) };
    const filtered = auditFiltered(filter);
    const bytes = writeWorkbook(
      [
        auditSheet((function* () { for (const r of auditRows(ctx.db, query)) yield entry(r); })(), { locale, timeZone }),
        ...(filtered ? [auditFilterSheet(filters, rows, { locale })] : []),
      ],
      'xlsx',
    );
    const day = localDate(ctx.now());
    const name = locale === 'en' ? `audit-log-${day}${filtered ? '-filtered' : ''}.xlsx` : `审计日志-${day}${filtered ? '-已筛选' : ''}.xlsx`;
    const staged = ctx.files.registerDownload(bytes, name);
    // Reading the log out is itself an export (docs/product.md §8): recorded, with the filter and the count.
    writeAudit(ctx.db, { at: ctx.now().toISOString(), agentId: ctx.caller.agentId, action: 'audit-export', detail: { filters, rows, locale } });
    return { token: staged.token, name: staged.name, size: staged.size, rows };
  },

  'retention-get': (ctx) => retentionSettings(ctx.db),

  'retention-save': (ctx, { days }) => {
    const settings = saveRetention(ctx.db, days, ctx.now().toISOString(), ctx.caller.agentId);
    ctx.emit('data-changed', { what: ['retention'], at: ctx.now().toISOString() });
    return settings;
  },

  'purge-preview': (ctx) => purgePreview(ctx.db, ctx.now()),

  'purge-run': (ctx, { cutoff }) => {
    const result = runPurge(ctx.db, ctx.now(), { agentId: ctx.caller.agentId, trigger: ctx.caller.agentId === null ? 'cli' : 'manual', expectCutoff: cutoff });
    if (result.lists.length > 0) ctx.emit('data-changed', { what: ['worklists', 'tasks', 'subscribers'], at: result.at });
    return result;
  },
} satisfies Partial<HandlerMap>;
