/**
 * The English catalogue, in the same areas as the reference (../zh-CN): each area has exactly its reference's keys,
 * and the whole has exactly the reference's (see ../catalogue.ts).
 */
import type { Catalogue } from '../catalogue';
import { accounts } from './accounts';
import { audit } from './audit';
import { campaigns } from './campaigns';
import { catalogue } from './catalogue';
import { common } from './common';
import { contact } from './contact';
import { dashboard } from './dashboard';
import { hall } from './hall';
import { lists } from './lists';
import { model } from './model';
import { queue } from './queue';
import { risk } from './risk';

export const en = { ...common, ...hall, ...queue, ...lists, ...dashboard, ...accounts, ...catalogue, ...risk, ...contact, ...model, ...audit, ...campaigns } as const satisfies Catalogue;
