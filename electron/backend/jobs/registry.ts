import type { JobBody } from './kinds';

/**
 * The job kinds, each a function run in a worker thread with its own connection (worker.ts). A job that
 * writes does so in one transaction, so a cancel or a crash leaves the database exactly as before.
 * Add a line here when adding a kind.
 */
export const jobKinds: Record<string, JobBody> = {};
