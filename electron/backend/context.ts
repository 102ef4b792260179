import type { EventName, EventPayload } from '../../core/api';
import { dayFromCivil, formatDay } from '../../core/calendar';
import type { Db } from '../../db/connection';
import type { CallerFiles } from './files';
import type { CallerJobs } from './jobs/runner';
import type { Session, SessionStore } from './sessions';
import type { Caller, FileDialogs } from './types';

/** What every handler gets: the workspace database, the clock, who is calling, and a way to push events. */
export interface HandlerContext {
  db: Db;
  dbPath: string;
  now(): Date;
  caller: Caller;
  /** Signed-in sessions; `session`/`sessionToken` are the caller's own when the call came with one. */
  sessions: SessionStore;
  session: Session | null;
  sessionToken: string | null;
  /** Staged files and jobs as this caller may use them (an agent their own, a supervisor all). */
  files: CallerFiles;
  jobs: CallerJobs;
  /** The desktop's file dialogs; null in browser mode and the CLI. */
  dialogs: FileDialogs | null;
  /** Open tasks up to which the queue sorted by risk is read on this thread (BackendOptions.queueSortInlineTasks). */
  queueSortInlineTasks: number;
  emit<N extends EventName>(name: N, payload: EventPayload<N>): void;
}

/** The local calendar date (YYYY-MM-DD) of an instant, in the machine's time zone. */
export function localDate(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The UTC instant of local midnight starting a calendar date (YYYY-MM-DD), `plusDays` later if asked. */
export function localDayStart(isoDate: string, plusDays = 0): string {
  return localTimeOn(isoDate, 0, plusDays);
}

/** The UTC instant of a local minute of the day (0–1440) on a calendar date (YYYY-MM-DD), `plusDays` later if asked. */
export function localTimeOn(isoDate: string, minuteOfDay: number, plusDays = 0): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + plusDays, 0, minuteOfDay).toISOString();
}

/** The calendar date `days` before a YYYY-MM-DD date (calendar arithmetic, no time zone involved). */
export function daysBefore(isoDate: string, days: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return formatDay(dayFromCivil(y, m, d) - days);
}
