export * from './contract';
export * from './errors';
export * from './schemas';
export * from './exchange';
export * from './job-results';
export { signedInAgent, type SignedInAgent } from './ops/session';
export * from './headers';
export { dashboardView, isoWeek, type DashboardView } from './ops/reports';
