import crypto from 'node:crypto';
import { ApiFailure } from '../../core/api';
import type { PurgeView, RetentionConfig } from '../../core/api/ops/audit';
import type { ListType } from '../../core/worklist/fields';
import { activeConfig, saveConfigVersion } from '../../db/config';
import type { Db } from '../../db/connection';
import { applyPurge, listsForRetention, planPurge } from '../../db/retention';
import { getWorkspaceValue, setWorkspaceValue, writeAudit } from '../../db/workspace';
import { daysBefore, localDate } from './context';

/**
 * Data retention (docs/product.md §8): "lists past their due date plus a retention period (default 30 days) are purged".
 *
 * - The period is versioned configuration (config_versions kind 'retention', body {days}), changed by supervisors
 *   and audited like every configuration change.
 * - A list ends on its due date; a list without one ends on the (local) day it was closed; a list with neither is
 *   still in work and is never purged. It is purged once end + days is before today (local): with 30 days, a list
 *   due on 1 November goes on 2 December.
 * - What goes with a list, and what is kept without the personal data, is db/retention.ts's (see its comment).
 * - A purge is one transaction (all or nothing) and writes one audit entry with counts and list names (never
 *   numbers or customer names); then the file is rewritten so no copy of what went is left in it (scrubFile).
 * - It runs once a day by itself (after that day's backup: see index.ts), from the audit page, and from the CLI.
 */

const DEFAULT_RETENTION_DAYS = 30;
const CONFIG_KIND = 'retention';
/** UTC instant of the last purge that ran (any trigger), for the page. */
const LAST_PURGE_KEY = 'retention-last-purge-at';
/** Local date the daily purge last ran, so it runs once a day however often the backend starts. */
const DAILY_KEY = 'retention-daily-purge-day';

export type PurgeTrigger = 'daily' | 'manual' | 'cli';

export interface RetentionSettings extends RetentionConfig {
  isDefault: boolean;
  lastPurgeAt: string | null;
}

export function retentionSettings(db: Db): RetentionSettings {
  const active = activeConfig(db, CONFIG_KIND);
  const days = active ? (JSON.parse(active.body) as RetentionConfig).days : DEFAULT_RETENTION_DAYS;
  return { days, isDefault: !active, lastPurgeAt: getWorkspaceValue(db, LAST_PURGE_KEY) ?? null };
}

export function saveRetention(db: Db, days: number, at: string, agentId: string | null): RetentionSettings {
  db.transaction(() => {
    const before = retentionSettings(db).days;
    const version = saveConfigVersion(db, CONFIG_KIND, JSON.stringify({ days } satisfies RetentionConfig), at, agentId);
    writeAudit(db, { at, agentId, action: 'retention-save', target: `v${version}`, detail: { days, before } });
  })();
  return retentionSettings(db);
}

/** Marks what a purge at `now` would remove (temporary tables) and describes it. Call inside a transaction. */
function plan(db: Db, now: Date): PurgeView {
  const days = retentionSettings(db).days;
  const today = localDate(now);
  const cutoff = daysBefore(today, days);
  const lists = listsForRetention(db).filter((l) => {
    const end = l.due_date ?? (l.closed_at ? localDate(new Date(l.closed_at)) : null);
    return end !== null && end.slice(0, 10) < cutoff;
  });
  const counts = planPurge(db, lists.map((l) => l.id));
  return {
    days,
    today,
    cutoff,
    lists: lists.map((l) => ({ id: l.id, name: l.name, type: l.list_type as ListType, dueDate: l.due_date, closedAt: l.closed_at, members: counts.members.get(l.id) ?? 0 })),
    subscribers: counts.subscribers,
    kept: counts.kept,
    tasks: counts.tasks,
    attempts: counts.attempts,
    feedback: counts.feedback,
  };
}

export function purgePreview(db: Db, now: Date): PurgeView {
  // In a transaction so that the lists and the counts are read from one snapshot.
  return db.transaction(() => plan(db, now))();
}

/** A random negative integer: the tombstone that replaces a purged customer's number in attempts and feedback. */
const randomTombstone = (): number => -crypto.randomInt(1, 2 ** 48);

/**
 * Purges now. `expectCutoff` (the preview's) makes the run refuse when the day has turned or the period changed
 * since the supervisor looked, so what goes is what they confirmed. The daily run writes no audit entry when there
 * was nothing to purge (a line a day saying "nothing" would only bury the entries that matter).
 */
export function runPurge(db: Db, now: Date, by: { agentId: string | null; trigger: PurgeTrigger; expectCutoff?: string }): PurgeView & { at: string } {
  const at = now.toISOString();
  const view = db
    .transaction(() => {
      const v = plan(db, now);
      if (by.expectCutoff !== undefined && by.expectCutoff !== v.cutoff) {
        throw new ApiFailure('conflict', 'api.purge-changed', { cutoff: v.cutoff });
      }
      // Nothing marked, nothing to remove: the daily look on most days ends here.
      if (v.lists.length > 0) applyPurge(db, { now: at, tombstone: randomTombstone });
      if (by.trigger !== 'daily' || v.lists.length > 0) {
        writeAudit(db, {
          at,
          agentId: by.agentId,
          action: 'retention-purge',
          target: v.lists.length > 0 ? v.lists.map((l) => l.name).join('、').slice(0, 200) : null,
          detail: { trigger: by.trigger, days: v.days, cutoff: v.cutoff, lists: v.lists.map((l) => l.name), subscribers: v.subscribers, kept: v.kept, tasks: v.tasks, attempts: v.attempts, feedback: v.feedback },
        });
      }
      setWorkspaceValue(db, LAST_PURGE_KEY, at);
      if (by.trigger === 'daily') setWorkspaceValue(db, DAILY_KEY, v.today);
      return v;
    })
    .immediate();
  if (view.lists.length > 0) scrubFile(db, at);
  return { ...view, at };
}

/** Set when a purge removed data but the file could not be rewritten yet; the next daily look tries again. */
const SCRUB_PENDING_KEY = 'retention-scrub-pending';

/**
 * Rewrites the database file so that nothing of the purged rows survives in it. secure_delete zeroes a row where it
 * is deleted, but SQLite also leaves older copies of cells in the unused gap of pages it rebalanced while the data
 * was live (a test found a purged number in an index page that way); VACUUM writes every page afresh and the
 * checkpoint folds the WAL into the file and empties it. It takes about 2 s per 100 MB of workspace and runs only
 * after a purge that removed something — a few times a month. When it cannot run now (another connection is
 * writing), it is retried by the next daily look.
 */
function scrubFile(db: Db, at: string): void {
  try {
    db.exec('VACUUM');
    db.pragma('wal_checkpoint(TRUNCATE)');
    if (getWorkspaceValue(db, SCRUB_PENDING_KEY)) setWorkspaceValue(db, SCRUB_PENDING_KEY, '');
  } catch (e) {
    setWorkspaceValue(db, SCRUB_PENDING_KEY, at);
    console.error(`Retention Desk: the purged data is deleted, but rewriting the file failed (it will be tried again): ${(e as Error).message}`);
  }
}

/** The daily purge: runs when it has not run yet on this local day. Returns what it did, or null. */
export function ensureDailyPurge(db: Db, now: Date): (PurgeView & { at: string }) | null {
  const pending = getWorkspaceValue(db, SCRUB_PENDING_KEY);
  if (pending) scrubFile(db, pending);
  if (getWorkspaceValue(db, DAILY_KEY) === localDate(now)) return null;
  return runPurge(db, now, { agentId: null, trigger: 'daily' });
}
