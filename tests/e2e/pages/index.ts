export { AppShell, type AppRoute, type UiLanguage } from './AppShell';
export { HallPage, type CardSection, type LookupOutcome } from './HallPage';
export { QueuePage, type TaskStatusCode } from './QueuePage';
export { WorkListsPage } from './WorkListsPage';
export { ImportDialog, type CheckCounts, type ImportResultCounts } from './ImportDialog';
export { AuditPage } from './AuditPage';
