import { accountHandlers } from './accounts';
import { agentDayHandlers } from './agent-day';
import { appHandlers } from './app';
import { assignHandlers } from './assign';
import { auditHandlers } from './audit';
import { attemptHandlers } from './attempts';
import { catalogueHandlers } from './catalogue';
import { contactPolicyHandlers } from './contact-policy';
import { customerHandlers } from './customer';
import { groupHandlers } from './groups';
import { jobHandlers } from './jobs';
import { outcomeHandlers } from './outcomes';
import { queueHandlers } from './queue';
import { reportHandlers } from './reports';
import { riskHandlers } from './risk';
import { segmentHandlers } from './segments';
import { campaignHandlers } from './campaigns';
import { sessionHandlers } from './session';
import { worklistHandlers } from './worklist';
import type { HandlerMap } from './types';

/** All handlers, one per contract operation; the type makes a missing or extra one a compile error. */
export const handlers: HandlerMap = {
  ...appHandlers,
  ...sessionHandlers,
  ...attemptHandlers,
  ...customerHandlers,
  ...queueHandlers,
  ...riskHandlers,
  ...contactPolicyHandlers,
  ...jobHandlers,
  ...worklistHandlers,
  ...outcomeHandlers,
  ...catalogueHandlers,
  ...reportHandlers,
  ...assignHandlers,
  ...accountHandlers,
  ...auditHandlers,
  ...agentDayHandlers,
  ...segmentHandlers,
  ...campaignHandlers,
  ...groupHandlers,
};
