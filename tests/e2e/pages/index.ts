export { AppShell } from './AppShell';
export { HallPage } from './HallPage';
export { QueuePage } from './QueuePage';
export { WorkListsPage } from './WorkListsPage';
export { AuditPage } from './AuditPage';
export { CampaignsPage } from './CampaignsPage';
