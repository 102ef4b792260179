import { ApiFailure } from '../../../core/api';
import { buildOutcomeSheets } from '../../../core/exchange/outcomes';
import { writeWorkbook } from '../../../core/exchange/write';
import { agentLoggedHere, storedAgentId } from '../../../db/agents';
import { outcomeExportData } from '../../../db/outcomes';
import { writeAudit } from '../../../db/workspace';
import { localDayStart, type HandlerContext } from '../context';
import type { OutcomeMergePayload } from '../jobs/outcome-merge';
import { protectWorkbook } from '../protected-files';
import type { HandlerMap } from './types';

/** An agent exports only their own work (docs/product.md §8: agents see their own tasks); a supervisor chooses. */
function exportingAgent(ctx: HandlerContext, asked: string | undefined): string | null {
  // An id in any case names its account (db/agents.ts getAgent), as the CLI's --agent a001 does.
  const requested = asked === undefined ? undefined : (storedAgentId(ctx.db, asked) ?? asked);
  if (ctx.caller.role === 'supervisor') {
    // A typo wrote an empty workbook (found by the second security pass); an id with work here but no account (another
    // desk's agent, merged in) still exports.
    if (requested !== undefined && storedAgentId(ctx.db, requested) === undefined && !agentLoggedHere(ctx.db, requested)) {
      throw new ApiFailure('not-found', 'api.no-account', { agentId: requested });
    }
    return requested ?? null;
  }
  if (!ctx.caller.agentId) throw new ApiFailure('unauthenticated', 'api.sign-in-first');
  if (requested !== undefined && requested !== ctx.caller.agentId) {
    throw new ApiFailure('forbidden', 'api.own-outcomes-only');
  }
  return ctx.caller.agentId;
}

export const outcomeHandlers = {
  'outcome-export': async (ctx, { from, to, agentId: requested, password, locale }) => {
    const agentId = exportingAgent(ctx, requested);
    const exportedAt = ctx.now().toISOString();
    const data = outcomeExportData(ctx.db, { fromIso: localDayStart(from), toIso: localDayStart(to, 1), agentId });
    const sheets = buildOutcomeSheets(data, locale, {
      from,
      to,
      agentId,
      exportedAt,
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone,
    });
    let bytes = writeWorkbook(sheets, 'xlsx');
    if (password) bytes = await protectWorkbook(bytes, password);
    const who = agentId ?? (locale === 'en' ? 'all' : '全部');
    const name = locale === 'en' ? `outcomes-${who}-${from}-to-${to}.xlsx` : `结果文件-${who}-${from}至${to}.xlsx`;
    const staged = ctx.files.registerDownload(bytes, name);
    // Exports carry personal data: each one is audited (docs/product.md §8), with counts, not contents.
    writeAudit(ctx.db, {
      at: exportedAt,
      agentId: ctx.caller.agentId,
      action: 'outcome-export',
      target: agentId,
      detail: { from, to, attempts: data.attempts.length, feedback: data.feedback.length, notes: data.notes.length, protected: Boolean(password) },
    });
    return { token: staged.token, name: staged.name, size: staged.size };
  },

  'outcome-merge': (ctx, { files, passwords }) => {
    const now = ctx.now();
    const payload: OutcomeMergePayload = {
      files: files.map((token) => {
        const f = ctx.files.get(token);
        const password = passwords?.[token];
        return password ? { path: f.path, name: f.name, password } : { path: f.path, name: f.name };
      }),
      now: now.toISOString(),
      agentId: ctx.caller.agentId,
    };
    return ctx.jobs.start('outcome-merge', payload);
  },
} satisfies Partial<HandlerMap>;
