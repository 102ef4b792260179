/**
 * The reference catalogue: Simplified Chinese is the product's default language, so its keys define the set
 * every other catalogue must match exactly (see ../catalogue.ts). `{name}` marks an interpolated value.
 * Kept in one file per area of the app; an area's keys start with its own prefixes, and no key is in two areas.
 *
 * Field labels and list-type labels are not here: they live once, beside their definitions, in
 * core/worklist/fields.ts.
 */
import type { DisjointAreas } from '../catalogue';
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

type Areas = [typeof common, typeof hall, typeof queue, typeof lists, typeof dashboard, typeof accounts, typeof catalogue, typeof risk, typeof contact, typeof model, typeof audit, typeof campaigns];
// A key in two areas would be silently overwritten by the spread below; this names it as a compile error instead.
const areasDisjoint: DisjointAreas<Areas> = true;
void areasDisjoint;

export const zhCN = { ...common, ...hall, ...queue, ...lists, ...dashboard, ...accounts, ...catalogue, ...risk, ...contact, ...model, ...audit, ...campaigns } as const;
