import type { AreaCatalogue } from '../catalogue';
import type { accounts as reference } from '../zh-CN/accounts';

/** English: accounts and PINs (pages/accounts). */
export const accounts = {
  'accounts.title': 'Accounts',
  'accounts.new': 'New account',
  'accounts.edit': 'Account {id}',
  'accounts.editButton': 'Edit',
  'accounts.role': 'Role',
  'accounts.hall': 'Hall',
  'accounts.hallHint': 'Used when tasks are assigned by the hall column',
  'accounts.firstPin': 'First PIN',
  'accounts.active': 'May sign in',
  'accounts.save': 'Save',
  'accounts.error': 'Could not read the accounts',
  'accounts.openTasks': 'Open tasks',
  'accounts.state': 'State',
  'accounts.on': 'Active',
  'accounts.off': 'Turned off',
  'accounts.reset': 'Reset PIN',
  'accounts.resetTitle': 'New PIN for {id} {name}',
  'accounts.resetBody': 'Their open sessions end and a lock after wrong PINs is lifted. Tell them the new PIN in person.',
  'accounts.newPin': 'New PIN',
  'accounts.resetDone': 'The PIN was changed.',
} as const satisfies AreaCatalogue<typeof reference>;
