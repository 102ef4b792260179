import { appHandlers } from './app';
import { customerHandlers } from './customer';
import { queueHandlers } from './queue';
import type { HandlerMap } from './types';

/** All handlers, one per contract operation; the type makes a missing or extra one a compile error. */
export const handlers: HandlerMap = {
  ...appHandlers,
  ...customerHandlers,
  ...queueHandlers,
};
