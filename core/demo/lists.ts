/**
 * The demo's work lists: what the central warehouse would select for each list type, with the reason it
 * would print, and how the lists are named and dated. Shared by the demo workspace and the demo workbook so
 * both tell the same story.
 */
import type { ListType } from '../worklist/fields';
import { civilFromDay, dayNumber, formatDay, formatUtc, isoWeek, shanghaiDay, shanghaiInstant, weekday } from './dates';
import type { SubscriberRow } from './generator';

const num = (v: unknown): number => (typeof v === 'number' ? v : 0);
const pct = (x: number): string => `${Math.round(x * 100)}%`;
const drop = (cur: unknown, avg: unknown): number => (num(avg) > 0 ? 1 - num(cur) / num(avg) : 0);

/** Why the warehouse picked the row for a list, or null when it would not have. */
type Selector = (row: SubscriberRow, today: number) => string | null;

/**
 * Anomalies the weekly model flags. Each sign alone is common (a holiday halves minutes, one call to a
 * competitor's hotline may be a question), so a row needs several, weighted by strength.
 */
const weeklyAnomaly: Selector = (row) => {
  const signs: string[] = [];
  let points = 0;
  const sign = (weight: number, text: string): void => {
    points += weight;
    signs.push(text);
  };
  const cs = num(row.competitor_cs_calls_week);
  if (cs > 0) sign(2, `本周与异网客服通话${cs}次`);
  if (num(row.forward_offnet) === 1) sign(2, '呼转异网');
  const contacts = num(row.competitor_contacts);
  if (contacts > 0) sign(1, `异网客户经理接触${contacts}次`);
  const arpuDrop = drop(row.arpu_cur, row.arpu_avg3);
  if (arpuDrop >= 0.3) sign(1, `当月ARPU较近三月下降${pct(arpuDrop)}`);
  const mouDrop = drop(row.mou_cur, row.mou_avg3);
  if (mouDrop >= 0.3) sign(1, `通话分钟数较近三月下降${pct(mouDrop)}`);
  const offnetRise = num(row.offnet_ratio_cur) - num(row.offnet_ratio_prev);
  if (offnetRise >= 0.2) sign(1, `异网通话占比上升${Math.round(offnetRise * 100)}个百分点`);
  return points >= 3 ? signs.slice(0, 3).join('；') : null;
};

const contractExpiring: Selector = (row, today) => {
  if (typeof row.contract_end !== 'string') return null;
  const days = dayNumber(row.contract_end) - today;
  return days >= 0 && days <= 60 ? `${row.contract_type ?? '合约'}将于${row.contract_end}到期（剩${days}天）` : null;
};

const arrearsSuspension: Selector = (row) => {
  const arrears = num(row.arrears);
  if (arrears <= 0 || (row.status !== '正常' && row.status !== '欠费停机')) return null;
  return row.status === '欠费停机'
    ? `欠费${arrears.toFixed(2)}元，已停机${num(row.suspended_days)}天`
    : `欠费${arrears.toFixed(2)}元，即将停机`;
};

const dualSim: Selector = (row) =>
  typeof row.dual_sim === 'string' && row.dual_sim !== '无' ? `双卡用户（${row.dual_sim}）` : null;

const handsetChange: Selector = (row) => {
  const months = num(row.handset_months);
  if (num(row.handset_smart) === 0 && months >= 24 && num(row.data_mb_avg3) > 0) return `非智能机（${row.handset_model}），已使用${months}个月`;
  // A phone in its fourth year, on a plan that can carry a handset offer.
  return months >= 40 && num(row.arpu_avg3) >= 40 ? `终端（${row.handset_model}）已使用${months}个月` : null;
};

/** Long-standing customers with nothing binding them: the "no care, no stickiness" need of docs/product.md §4.3. */
const noContractCare: Selector = (row) => {
  if (row.contract_type !== '无合约') return null;
  if (num(row.family_numbers) > 0 || num(row.vnet) === 1 || num(row.broadband) === 1) return null;
  const tenure = num(row.tenure_months);
  if (tenure < 24 || num(row.arpu_avg3) < 50) return null;
  return `无合约、无亲情号/V网/宽带，网龄${Math.floor(tenure / 12)}年`;
};

export interface DemoListSpec {
  key: string;
  type: ListType;
  name: string;
  period: string;
  dueDate: string;
  /** UTC ISO instant the supervisor imported it. */
  importedAt: string;
  select: Selector;
}

/**
 * The lists as they would stand at `now`: imported on different days of the last few weeks (so the contact
 * history has depth), each named from its own import date, each still open.
 */
export function demoListSpecs(nowMs: number): DemoListSpec[] {
  const nowDay = shanghaiDay(nowMs);
  // The weekly list arrives on Monday morning; before 08:30 on a Monday it is still last week's.
  let monday = nowDay - weekday(nowDay);
  if (shanghaiInstant(monday, 8 * 60 + 30) >= nowMs) monday -= 7;

  const spec = (type: ListType, importDay: number, importMinute: number, dueAfterDays: number, weekly: boolean, select: Selector, title: string): DemoListSpec => {
    const { y, m } = civilFromDay(importDay);
    const week = isoWeek(importDay);
    const period = weekly ? `${week.year}-W${String(week.week).padStart(2, '0')}` : `${y}-${String(m).padStart(2, '0')}`;
    const name = weekly ? `${week.year}年第${week.week}周${title}` : `${y}年${m}月${title}`;
    const importedAt = Math.min(shanghaiInstant(importDay, importMinute), nowMs - 60_000);
    return { key: `${type}:${period}`, type, name, period, dueDate: formatDay(importDay + dueAfterDays), importedAt: formatUtc(importedAt), select };
  };

  return [
    spec('weekly_anomaly', monday, 8 * 60 + 30, 13, true, weeklyAnomaly, '异动维系清单'),
    spec('contract_expiring', nowDay - 24, 8 * 60 + 50, 45, false, contractExpiring, '合约到期维系清单'),
    spec('handset_change', nowDay - 20, 9 * 60 + 5, 40, false, handsetChange, '换机需求维系清单'),
    spec('arrears_suspension', nowDay - 17, 8 * 60 + 40, 21, false, arrearsSuspension, '欠费停机预警清单'),
    spec('dual_sim', monday - 7, 8 * 60 + 45, 28, true, dualSim, '双卡用户维系清单'),
    spec('no_contract_care', nowDay - 9, 9 * 60 + 15, 35, false, noContractCare, '无合约无粘性关怀清单'),
  ];
}
