export * from './contract';
export * from './errors';
export * from './schemas';
export * from './exchange';
export * from './job-results';
export { type SignedInAgent } from './ops/session';
export * from './headers';
export { type DashboardView } from './ops/reports';
export { type AgentDayView } from './ops/agent-day';
