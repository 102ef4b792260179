import fs from 'node:fs';
import { ApiFailure, problemsFailure, type RowIssueView } from '../../../core/api';
import type { CatalogueImportResult } from '../../../core/api/ops/catalogue';
import { parseOfferRows, parsePlanRows, readCatalogueFile, type CatalogueIssue, type CatalogueKind, type CatalogueParseResult } from '../../../core/exchange/catalogue';
import type { Locale } from '../../../core/i18n';
import type { Offer, Plan } from '../../../core/offers/catalogue';
import { getOffer, getPlan, saveOffer, savePlan } from '../../../db/catalogue';
import { changedFields, settingChanges } from '../../../core/setting-changes';
import { listExtraColumns } from '../../../db/extra-columns';
import { writeAudit } from '../../../db/workspace';
import type { JobContext } from './kinds';

export interface CatalogueImportPayload {
  kind: CatalogueKind;
  filePath: string;
  fileName: string;
  onRejected: 'import-valid' | 'import-nothing';
  /** Check only: what importing the valid rows would do, written and rolled back. */
  dryRun?: boolean;
  locale: Locale;
  agentId: string | null;
}

/** The reader's refusals for size (bytes, unpacked bytes, sheets, rows, columns): the rest is a bad file. */
const TOO_LARGE = /^file\.(too-large|unpacked-too-large|too-many-)/;

const toView = (i: CatalogueIssue): RowIssueView => ({ ...i, params: { ...i.params } });

/**
 * Imports an offers or plans workbook (docs/product.md §3.2) in a worker, like every workbook read (issue 12): a
 * hostile file — thousands of sheets, a zip lying about its size — costs this thread, never the backend's,
 * and the guarded reader refuses it with its limit. One transaction: a catalogue is replaced as one, never
 * left half imported.
 */
export function catalogueImportJob(ctx: JobContext<CatalogueImportPayload>): CatalogueImportResult {
  const { kind, fileName, onRejected, agentId } = ctx.payload;
  const checkOnly = ctx.payload.dryRun === true;
  ctx.progress('reading', 0, null);
  const read = readCatalogueFile(fs.readFileSync(ctx.payload.filePath), kind);
  if (!read.ok) throw new ApiFailure(TOO_LARGE.test(read.code) ? 'too-large' : 'bad-file', read.code, read.params);
  ctx.checkCancelled();
  ctx.progress('checking', 0, read.rows.length);
  const parsed: CatalogueParseResult<Offer | Plan> = kind === 'offers' ? parseOfferRows(read.rows, { columns: new Set(listExtraColumns(ctx.db)) }) : parsePlanRows(read.rows);
  const issues = parsed.issues.map(toView);
  if (!parsed.headerOk) {
    throw problemsFailure(
      'bad-file',
      parsed.issues.filter((i) => i.severity === 'error'),
      issues.filter((i) => i.severity === 'error'),
    );
  }
  const base = { fileName, read: parsed.read, rejected: parsed.rejected, issues, checkOnly };
  if (parsed.rejected > 0 && onRejected === 'import-nothing' && !checkOnly) return { ...base, imported: 0, updated: 0, unchanged: 0, abandoned: true, changes: [] };
  ctx.checkCancelled();

  const at = ctx.startedAt;
  let imported = 0;
  let updated = 0;
  let unchanged = 0;
  const changes: CatalogueImportResult['changes'] = [];
  ctx.progress(checkOnly ? 'checking' : 'importing', 0, parsed.items.length);
  try {
    ctx.db.transaction(() => {
      for (const item of parsed.items) {
        // What it replaces, to say which fields change (as an offer's audit entry does, handlers/catalogue.ts).
        const before: Offer | Plan | null = kind === 'offers' ? getOffer(ctx.db, item.code) : getPlan(ctx.db, item.code);
        const r = kind === 'offers' ? saveOffer(ctx.db, item as Offer, at, agentId) : savePlan(ctx.db, item as Plan, at);
        if (r === 'unchanged') {
          unchanged++;
          continue;
        }
        if (r === 'created') imported++;
        else updated++;
        const [name, nameEn] = 'name_zh' in item ? [item.name_zh, item.name_en] : [item.name, null];
        changes.push({ code: item.code, name, nameEn, change: r, fields: before ? settingChanges<Offer | Plan>(before, item, changedFields) : [] });
      }
      // Inside the transaction: a cancel now still leaves the catalogue as it was.
      ctx.checkCancelled();
      // A check is the very import, taken back: its counts are what importing does (one rule for both).
      if (checkOnly) throw CHECKED;
      writeAudit(ctx.db, {
        at,
        agentId,
        action: `catalogue-import`,
        target: kind,
        // The codes it added or changed, not every code in the file: the log answers "what did this import change".
        detail: { fileName, read: parsed.read, imported, updated, unchanged, rejected: parsed.rejected, codes: changes.map((c) => c.code) },
      });
    })();
  } catch (e) {
    if (e !== CHECKED) throw e;
  }
  return { ...base, imported, updated, unchanged, abandoned: false, changes };
}

/** Thrown to roll a check's transaction back. */
const CHECKED = Symbol('checked');
