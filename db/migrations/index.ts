import m001 from './001-initial';
import m002 from './002-default-catalogue';
import m003 from './003-scores';
import m004 from './004-models';
import m005 from './005-open-task-counts';
import m006 from './006-attempts-recorded';
import m007 from './007-feedback-notes-lookups';
import m008 from './008-trust';
import m009 from './009-identity-out-of-clear';
import m010 from './010-queue-blocks';
import m011 from './011-competitor-offers';
import m013 from './013-sticky-services';
import m014 from './014-rules-over-extra-columns';
import m015 from './015-contact-history-porting';
import m016 from './016-segments';
import m017 from './017-campaigns';
import m018 from './018-follow-ups-and-kept-successes';
import m019 from './019-groups-targets';
import m020 from './020-open-tasks-by-due-date';
import m021 from './021-scoring-inputs';
import m022 from './022-queue-priority-in-callable-indexes';
import m023 from './023-figures-through';
import m024 from './024-latest-task-agent';
import m025 from './025-contact-refusals';
import m026 from './026-contact-refusal-lifts';
import m027 from './027-contact-refusal-lift-reasons';
import m028 from './028-config-based-on';
import m029 from './029-workspace-id';
import m030 from './030-target-from-week';
import m031 from './031-default-offer-english-name';
import m032 from './032-catalogue-revision';
import m033 from './033-churned-attempts';
import m034 from './034-accepted-plan';
import m035 from './035-attempts-by-agent';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/**
 * Every schema change, numbered and applied in order. Append only: a migration that has shipped is never
 * edited, a fix is a new migration.
 */
export const migrations: readonly Migration[] = [
  { version: 1, name: 'initial', sql: m001 },
  { version: 2, name: 'default-catalogue', sql: m002 },
  { version: 3, name: 'scores', sql: m003 },
  { version: 4, name: 'models', sql: m004 },
  { version: 5, name: 'open-task-counts', sql: m005 },
  { version: 6, name: 'attempts-recorded', sql: m006 },
  { version: 7, name: 'feedback-notes-lookups', sql: m007 },
  { version: 8, name: 'trust', sql: m008 },
  { version: 9, name: 'identity-out-of-clear', sql: m009 },
  { version: 10, name: 'queue-blocks', sql: m010 },
  { version: 11, name: 'competitor-offers', sql: m011 },
  // 12 was never used: two branches took 12 and 13 in parallel, and the later one to land became 14.
  { version: 13, name: 'sticky-services', sql: m013 },
  { version: 14, name: 'rules-over-extra-columns', sql: m014 },
  { version: 15, name: 'contact-history-porting', sql: m015 },
  { version: 16, name: 'segments', sql: m016 },
  { version: 17, name: 'campaigns', sql: m017 },
  { version: 18, name: 'follow-ups-and-kept-successes', sql: m018 },
  { version: 19, name: 'groups-targets', sql: m019 },
  { version: 20, name: 'open-tasks-by-due-date', sql: m020 },
  { version: 21, name: 'scoring-inputs', sql: m021 },
  { version: 22, name: 'queue-priority-in-callable-indexes', sql: m022 },
  { version: 23, name: 'figures-through', sql: m023 },
  { version: 24, name: 'latest-task-agent', sql: m024 },
  { version: 25, name: 'contact-refusals', sql: m025 },
  { version: 26, name: 'contact-refusal-lifts', sql: m026 },
  { version: 27, name: 'contact-refusal-lift-reasons', sql: m027 },
  { version: 28, name: 'config-based-on', sql: m028 },
  { version: 29, name: 'workspace-id', sql: m029 },
  { version: 30, name: 'target-from-week', sql: m030 },
  { version: 31, name: 'default-offer-english-name', sql: m031 },
  { version: 32, name: 'catalogue-revision', sql: m032 },
  { version: 33, name: 'churned-attempts', sql: m033 },
  { version: 34, name: 'accepted-plan', sql: m034 },
  { version: 35, name: 'attempts-by-agent', sql: m035 },
];

export const latestSchemaVersion = migrations[migrations.length - 1]!.version;
