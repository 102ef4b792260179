/**
 * Seeded, realistic demo data: subscribers whose figures hang together the way a retention desk expects
 * (a customer who took a second SIM with a competitor uses us less, pays less, calls the competitor's
 * hotline…), and a demo workspace of work lists, agents, tasks and contact history built on them.
 *
 * Each subscriber line is a pure function of (seed, index, today): rows can be generated in any order or
 * slice and in constant memory, which is what lets the same code feed a 1,000,000-row benchmark.
 */
import { Rng, WeightedPicker, deriveSeed, mix32, permute1e8, weightedPick } from './random';
import {
  channelPrefs,
  contactPrefs,
  contractTypes,
  counties,
  dualSimValues,
  givenNameChars,
  handsets,
  idAreaCodes,
  joinChannels,
  noContract,
  noDualSim,
  plans,
  surnames,
  type Brand,
  type Plan,
} from './pools';
import {
  addMonths,
  civilFromDay,
  dayNumber,
  formatDay,
  formatDayCompact,
  formatUtc,
  parseUtc,
  shanghaiDay,
  shanghaiInstant,
  shanghaiMinuteOfDay,
} from './dates';
import { demoListSpecs } from './lists';
import { defaultPlans } from '../offers/default-catalogue';
import { hasDomesticPool, monthlyBill } from '../offers/tariff';
import type { Channel, Competitor, Disposition, Reason } from '../contact/codes';
import type { ListType } from '../worklist/fields';
import type { CellValue } from '../exchange/write';

/**
 * The canonical fields a demo subscriber row can carry (fields.ts types every key as `string`, so the
 * literal list lives here; a unit test checks each one is a canonical subscriber or label field).
 * msisdn is its own required property and id_no is never part of a stored row.
 */
export const subscriberFieldKeys = [
  'name', 'brand', 'tier', 'plan_code', 'plan_name', 'plan_fee', 'join_date', 'tenure_months',
  'region_type', 'county', 'hall', 'manager',
  'arpu_m1', 'arpu_m2', 'arpu_m3', 'arpu_avg3', 'arpu_cur',
  'mou_avg3', 'mou_cur', 'data_mb_avg3', 'data_mb_cur',
  'local_min', 'long_distance_min', 'roaming_min', 'roaming_mb',
  'offnet_ratio_prev', 'offnet_ratio_cur', 'competitor_cs_calls_week', 'competitor_contacts',
  'dual_sim', 'forward_offnet', 'status', 'suspended_days', 'balance', 'arrears',
  'contract_end', 'contract_type', 'complaints_90d',
  'handset_model', 'handset_months', 'handset_smart',
  'family_members', 'family_numbers', 'vnet', 'broadband',
  'channel_pref', 'contact_pref', 'do_not_disturb', 'last_marketed',
  'churned', 'churn_date',
] as const;
export type SubscriberFieldKey = (typeof subscriberFieldKeys)[number];

export type { CellValue };

export type SubscriberRow = { msisdn: string; extra: Record<string, CellValue> } & Partial<
  Record<SubscriberFieldKey, CellValue>
>;

/** Attributes outside the canonical fields, as central files carry them: exercise the "extra" path. */
export const demoExtraColumns = ['积分', '主副卡', '入网渠道'] as const;

/** Offer codes of the default catalogue (docs/product.md §5.3) that demo attempts refer to. */
export const demoOfferCodes = [
  'CONTRACT_REWARD',
  'LUCKY_NUMBER',
  'BRAND_MIGRATION',
  'BALANCE_REMINDER',
  'HANDSET_DEPOSIT',
  'FAMILY_PLAN',
  'CAR_SERVICE',
  'DATA_SIM',
  'DATA_PACK',
  'PLAN_CARE',
  'SPEND_GET_BACK',
] as const;
export type DemoOfferCode = (typeof demoOfferCodes)[number];

export interface GenerateSubscribersOptions {
  seed: number;
  count: number;
  /** The snapshot date (YYYY-MM-DD): tenure, contract ends and churn dates are relative to it. */
  today: string;
  /** Emit churned/churn_date, as a labelled history file would. The other fields do not change. */
  withLabels?: boolean;
  /** First row index; rows [startIndex, startIndex + count) are the same whatever slice they come in. */
  startIndex?: number;
}

/* ------------------------------------------------------------------------------------------------ */
/* Phone numbers                                                                                     */

/** China Mobile number blocks, weighted roughly by how many lines each holds. */
const msisdnPrefixes: readonly (readonly [string, number])[] = [
  ['138', 12], ['139', 12], ['135', 10], ['136', 8], ['137', 8], ['134', 6], ['150', 5], ['151', 4],
  ['152', 4], ['157', 3], ['158', 5], ['159', 4], ['147', 2], ['178', 3], ['182', 3], ['183', 3],
  ['184', 2], ['187', 5], ['188', 4], ['195', 3], ['197', 1], ['198', 3],
];

/**
 * Slots spread each prefix evenly over a cycle (Webster-style ordering), so consecutive indices do not
 * share a block. Row i takes slot i mod S; within its prefix it is number ⌊i/S⌋·w + rank, which is
 * injective, and a keyed permutation of the 8 remaining digits scatters it.
 */
const msisdnSlots = msisdnPrefixes
  .flatMap(([prefix, weight], p) => Array.from({ length: weight }, (_, rank) => ({ prefix, p, weight, rank, key: (rank + 0.5) / weight })))
  .sort((a, b) => a.key - b.key || a.p - b.p);
const maxMsisdnCount = Math.floor(1e8 / Math.max(...msisdnPrefixes.map((e) => e[1]))) * msisdnSlots.length;

function msisdnFor(index: number, key: number): string {
  const slotCount = msisdnSlots.length;
  const slot = msisdnSlots[index % slotCount]!;
  const within = Math.floor(index / slotCount) * slot.weight + slot.rank;
  const digits = permute1e8(within, (key + slot.p * 0x9e3779b1) >>> 0);
  return slot.prefix + String(digits).padStart(8, '0');
}

/* ------------------------------------------------------------------------------------------------ */
/* Persons: name, sex, birth date and identity number                                               */

const surnamePicker = new WeightedPicker(surnames);
const minAgeDays = Math.round(18 * 365.25);
const birthDaySpan = Math.round(57 * 365.25); // ages 18–75
const idPersonCapacity = idAreaCodes.length * birthDaySpan * 500;
const idWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const idCheckChars = '10X98765432';

/** GB 11643 check character (ISO 7064 MOD 11-2) of the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * idWeights[i]!;
  return idCheckChars[sum % 11]!;
}

interface Person {
  name: string;
  male: boolean;
  birthDay: number;
  /** Identity-number parts; the string is built only when a workbook asks for it. */
  area: string;
  sequence: number;
}

function idNumberOf(person: Person): string {
  const first17 = person.area + formatDayCompact(person.birthDay) + String(person.sequence).padStart(3, '0');
  return first17 + idCheckChar(first17);
}

interface Context {
  lineSeed: number;
  personSeed: number;
  msisdnKey: number;
  idKey: number;
  secondaryKey: number;
  today: number;
  withLabels: boolean;
  withIdNumbers: boolean;
}

function makeContext(seed: number, today: string, withLabels: boolean, withIdNumbers = false): Context {
  if (!Number.isInteger(seed)) throw new Error('seed must be an integer');
  return {
    lineSeed: deriveSeed(seed, 1),
    personSeed: deriveSeed(seed, 2),
    msisdnKey: deriveSeed(seed, 3),
    idKey: deriveSeed(seed, 4),
    secondaryKey: deriveSeed(seed, 5),
    today: dayNumber(today),
    withLabels,
    withIdNumbers,
  };
}

/**
 * The identity number packs (area, birth day, sequence) from a keyed permutation of the person index,
 * cycle-walked into the capacity, so no two persons share one (the importer links lines by its hash) —
 * up to 83 million persons, after which numbers repeat. The sequence's last digit is odd for men, as on
 * real cards.
 */
function makePerson(ctx: Context, personIndex: number): Person {
  const rng = new Rng(ctx.personSeed, personIndex);
  const male = rng.next() < 0.51;
  let x = personIndex % idPersonCapacity;
  do x = permute1e8(x, ctx.idKey);
  while (x >= idPersonCapacity);
  const area = x % idAreaCodes.length;
  const rest = Math.floor(x / idAreaCodes.length);
  const sequence = (rest % 500) * 2 + (male ? 1 : 0);
  const birthDay = ctx.today - minAgeDays - Math.floor(rest / 500);

  const birthYear = civilFromDay(birthDay).y;
  const older = birthYear < 1975 ? rng.next() < 0.85 : rng.next() < 0.1;
  const pool = male
    ? older ? givenNameChars.maleOlder : givenNameChars.maleYounger
    : older ? givenNameChars.femaleOlder : givenNameChars.femaleYounger;
  const surname = surnamePicker.pick(rng);
  const first = rng.pick(pool);
  let given = first;
  if (rng.next() >= 0.25) {
    const second = rng.pick(pool);
    // Doubled characters (婷婷) are a young women's pattern; elsewhere 永永 would look machine-made.
    given += second !== first || (!male && !older) ? second : rng.pick(pool);
  }
  return { name: surname + given, male, birthDay, area: idAreaCodes[area]!, sequence };
}

/* ------------------------------------------------------------------------------------------------ */
/* Subscriber lines                                                                                  */

const countyPicker = new WeightedPicker(counties.map((c) => [c, c.weight] as const));
const brandByAge: readonly (readonly (readonly [Brand, number])[])[] = [
  [['全球通', 15], ['动感地带', 60], ['神州行', 25]],
  [['全球通', 40], ['动感地带', 12], ['神州行', 48]],
  [['全球通', 22], ['动感地带', 2], ['神州行', 76]],
];
const planPickers = new Map<Brand, WeightedPicker<Plan>>(
  (['全球通', '动感地带', '神州行'] as const).map((b) => [b, new WeightedPicker(plans.filter((p) => p.brand === b).map((p) => [p, p.weight] as const))]),
);
const handsetPickers = [0, 1, 2].map((g) => new WeightedPicker(handsets.map((h) => [h, h.appeal[g]!] as const)));
const dualSimPicker = new WeightedPicker(dualSimValues.map(([label, competitor, w]) => [{ label, competitor }, w] as const));
const joinChannelPicker = new WeightedPicker(joinChannels);
const familyMembersPicker = new WeightedPicker([[1, 20], [2, 25], [3, 30], [4, 17], [5, 8]] as const);
const contactPrefPicker = new WeightedPicker(contactPrefs.map((p, i) => [p, [40, 30, 25, 5][i]!] as const));
const arrearsStatusPicker = new WeightedPicker([['正常', 45], ['欠费停机', 42], ['预销号', 8], ['保留期', 5]] as const);

/** By age group (<30, 30–55, >55): the young use data, the middle-aged talk. Minutes where a plan includes none. */
const mouMedianByAge = [120, 200, 100] as const;
/** How much of the plan's allowance a group uses, against the median user's share. */
const mouFactorByAge = [0.8, 1.15, 0.9] as const;
const dataFactorByAge = [1.25, 0.9, 0.45] as const;
/** The plans' allowances and prices: the demo's customers are on the default catalogue's plans. */
const tariffOf = new Map(defaultPlans.map((p) => [p.code, p]));

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));
const round2 = (x: number): number => Math.round(x * 100) / 100;
const round3 = (x: number): number => Math.round(x * 1000) / 1000;
const clamp = (x: number, lo: number, hi: number): number => (x < lo ? lo : x > hi ? hi : x);

/**
 * What the generator knows about a line but does not put in the row: the simulated contact history uses
 * the intent to churn (agents reach and convince at-risk customers less often) and the workbook needs the
 * identity number. Reused between rows to keep generation allocation-light.
 */
export interface Latent {
  /** P(intends to leave) before any signal is drawn: the hidden cause of the visible signals. */
  intent: number;
  /** Probability the line churns within the label window; `churned` is drawn from it. */
  churnProbability: number;
  churned: boolean;
  /** The competitor the line has a second SIM with, if any. */
  competitor: Competitor | null;
  /** The holder's identity number; empty unless asked for (building it is a measurable share of the cost). */
  idNo: string;
  male: boolean;
  age: number;
}

export const newLatent = (): Latent => ({ intent: 0, churnProbability: 0, churned: false, competitor: null, idNo: '', male: false, age: 0 });

/**
 * About one line in eighteen belongs to the holder of the previous line (a second card, a child's line), so
 * the importer meets several lines of one identity number. Never two in a row: the previous line is then
 * always its holder's own, and the two rows of a pair sit side by side.
 */
function isSecondaryLine(ctx: Context, index: number): boolean {
  const flagged = (i: number): boolean => i > 0 && mix32((i ^ ctx.secondaryKey) >>> 0) % 100 < 6;
  return flagged(index) && !flagged(index - 1);
}

function buildSubscriber(ctx: Context, index: number, latent: Latent): SubscriberRow {
  const rng = new Rng(ctx.lineSeed, index);
  const today = ctx.today;
  const secondary = isSecondaryLine(ctx, index);
  const person = makePerson(ctx, secondary ? index - 1 : index);
  const age = Math.floor((today - person.birthDay) / 365.25);
  const ageGroup = age < 30 ? 0 : age <= 55 ? 1 : 2;

  // Where: county → region type → hall → manager.
  const county = countyPicker.pick(rng);
  const regionType = weightedPick(rng, county.regions);
  const hall = rng.pick(county.halls);
  const manager = rng.pick(hall.managers);

  // Who and what: brand follows age and place, the plan its brand.
  const brandWeights = brandByAge[ageGroup]!;
  const brand = regionType === '农村' && rng.next() < 0.4 ? '神州行' : weightedPick(rng, brandWeights);
  const plan = planPickers.get(brand)!.pick(rng);
  const joinChannel = joinChannelPicker.pick(rng);
  const maxTenure = Math.max(24, Math.min(300, (age - 16) * 12));
  const tenureDraw = rng.next();
  const tenure =
    tenureDraw < 0.15 ? rng.int(0, 11) : tenureDraw < 0.5 || maxTenure < 60 ? rng.int(12, Math.min(59, maxTenure)) : rng.int(60, maxTenure);
  const joinDay = addMonths(today, -tenure) - rng.int(1, 27);

  // Sticky services: each makes leaving costlier.
  const familyMembers = familyMembersPicker.pick(rng);
  const familyNumbers = familyMembers > 1 ? (rng.next() < 0.45 ? rng.int(1, Math.min(4, familyMembers)) : 0) : rng.next() < 0.08 ? 1 : 0;
  const vnet = rng.next() < (brand === '全球通' ? 0.35 : 0.18);
  const broadband = rng.next() < (regionType === '城市' ? 0.45 : regionType === '县城' ? 0.33 : 0.2) + (tenure >= 24 ? 0.1 : 0);
  const sticky = (familyNumbers > 0 ? 1 : 0) + (vnet ? 1 : 0) + (broadband ? 1 : 0);

  // Contract: broadband lines mostly sit on the converged contract.
  const hasContract = rng.next() > (brand === '神州行' ? 0.55 : brand === '全球通' ? 0.3 : 0.42);
  const contractType = !hasContract ? noContract : broadband && rng.next() < 0.6 ? '宽带融合合约' : rng.pick(contractTypes);
  const contractDaysLeft = hasContract ? rng.int(1, 730) : -1;

  const handset = handsetPickers[ageGroup]!.pick(rng);
  const handsetMonths = Math.min(96, handset.minMonths + Math.floor(rng.exponential(14)));

  const dissatisfaction = rng.normal();
  const complaints = rng.poisson(0.08 * Math.exp(0.9 * dissatisfaction));

  // The hidden intent to leave: observable causes plus unobserved dissatisfaction.
  const intentLogit =
    -1.7 +
    1.1 * dissatisfaction +
    (tenure < 6 ? 0.6 : tenure < 12 ? 0.3 : tenure >= 60 ? -0.35 : 0) +
    (!hasContract ? 0.35 : contractDaysLeft <= 30 ? 0.9 : contractDaysLeft <= 60 ? 0.6 : contractDaysLeft <= 120 ? 0.2 : -0.2) +
    (handsetMonths >= 36 ? 0.45 : handsetMonths >= 24 ? 0.3 : 0) +
    0.35 * Math.min(complaints, 3) -
    0.4 * sticky +
    (brand === '神州行' ? 0.15 : brand === '全球通' ? -0.2 : 0) +
    (joinChannel === '校园' ? 0.4 : joinChannel === '社会渠道' ? 0.15 : 0) +
    (age < 25 ? 0.2 : age > 60 ? -0.2 : 0);
  const intent = sigmoid(intentLogit);
  // Whether the customer has started to move. Behaviour follows this state rather than the smooth intent:
  // someone shopping around shows several signals at once, which is what makes the signals worth scoring.
  const leaving = rng.next() < intent;

  // Visible consequences: a competitor's SIM, forwarding, talking to the competitor.
  const dual = rng.next() < (leaving ? 0.4 : 0.04) ? dualSimPicker.pick(rng) : null;
  const forward = rng.next() < (leaving ? 0.05 : 0.003) + (dual ? 0.03 : 0);
  const competitorContacts = rng.poisson((leaving ? 0.6 : 0.05) + (dual ? 0.3 : 0));
  const competitorCsCalls = rng.poisson((leaving ? 0.45 : 0.02) + (dual ? 0.3 : 0));

  // Usage centres on what the plan includes — people pick a plan for their use, and some outgrow it — the young using
  // more data and the middle-aged more minutes. Calls and data shift to the other SIM first. (Usage drawn by age alone
  // gave 37.8 GB a month on an 18 元 plan paying 18, and a tariff preview of ¥231 for it.)
  const tariff = tariffOf.get(plan.code)!;
  const includedMin = hasDomesticPool(tariff) ? tariff.incl_local_min : tariff.incl_local_min + tariff.incl_ld_min;
  const mouAvg3 = Math.round(rng.logNormal(includedMin > 0 ? includedMin * 0.55 * mouFactorByAge[ageGroup]! : mouMedianByAge[ageGroup]!, 0.55));
  const mouDrop = dual ? rng.float(0.3, 0.75) : rng.next() < (leaving ? 0.65 : 0.08) ? rng.float(0.2, 0.65) : 0;
  const mouCur = Math.round(mouAvg3 * Math.exp(rng.normal(0, 0.12)) * (1 - mouDrop));
  const dataAvg3 = Math.round(
    handset.smart ? rng.logNormal(tariff.incl_data_mb > 0 ? tariff.incl_data_mb * 0.5 * dataFactorByAge[ageGroup]! : 300, 0.6) : rng.logNormal(30, 0.8),
  );
  const dataDrop = dual ? rng.float(0, 0.6) : rng.next() < (leaving ? 0.4 : 0.05) ? rng.float(0.2, 0.7) : 0;
  const dataAnomaly = rng.next() < 0.03;
  const dataCur = Math.round(dataAvg3 * Math.exp(rng.normal(0, 0.15)) * (1 - dataDrop) * (dataAnomaly ? rng.float(2, 4) : 1));
  const roamingShare = rng.next() < 0.15 ? rng.float(0.05, 0.4) : rng.float(0, 0.03);
  const longDistanceShare = rng.float(0.03, brand === '全球通' ? 0.35 : 0.2);
  const roamingMin = Math.round(mouCur * roamingShare);
  const longDistanceMin = Math.round(mouCur * longDistanceShare);
  const localMin = Math.max(0, mouCur - roamingMin - longDistanceMin);
  const roamingMb = Math.round(dataCur * roamingShare * rng.float(0.5, 1.5));

  // Spending: what the usual month's usage costs on the plan (its fee and the overage), with value-added services;
  // sliding for those on the way out; a few bill spikes.
  const usualBill = monthlyBill(tariff, {
    local_min: Math.max(0, mouAvg3 * (1 - roamingShare - longDistanceShare)),
    long_distance_min: mouAvg3 * longDistanceShare,
    roaming_min: mouAvg3 * roamingShare,
    data_mb: dataAvg3,
    roaming_mb: dataAvg3 * roamingShare,
  });
  const arpuBase = usualBill * Math.exp(rng.normal(0.02, 0.08)) + rng.exponential(brand === '神州行' ? 4 : 2);
  const arpuDecline = dual ? rng.float(0.2, 0.55) : rng.next() < (leaving ? 0.6 : 0.05) ? rng.float(0.15, 0.55) : 0;
  const arpuM1 = round2(arpuBase * Math.exp(rng.normal(0, 0.07)));
  const arpuM2 = round2(arpuBase * Math.exp(rng.normal(0, 0.07)) * (1 - arpuDecline * 0.1));
  const arpuM3 = round2(arpuBase * Math.exp(rng.normal(0, 0.07)) * (1 - arpuDecline * 0.25));
  const arpuAvg3 = round2((arpuM1 + arpuM2 + arpuM3) / 3);
  const billSpike = rng.next() < 0.03;
  const arpuCur = round2(arpuAvg3 * Math.exp(rng.normal(0, 0.08)) * (1 - arpuDecline) * (billSpike ? rng.float(1.5, 2.6) : 1));
  const tier = arpuAvg3 >= 300 ? '钻石卡' : arpuAvg3 >= 150 ? '金卡' : arpuAvg3 >= 80 ? '银卡' : '普通';

  const offnetPrev = clamp(rng.normal(0.28, 0.1), 0.02, 0.85);
  const offnetShift = dual ? rng.float(0.15, 0.35) : rng.next() < (leaving ? 0.6 : 0.06) ? rng.float(0.08, 0.3) : 0;
  const offnetCur = clamp(offnetPrev + rng.normal(0, 0.03) + offnetShift, 0, 0.98);

  // Account: arrears and the suspension that follows them.
  const inArrears = rng.next() < (leaving ? 0.15 : 0.03) + (brand === '神州行' ? 0.03 : 0);
  const arrears = inArrears ? round2(rng.logNormal(35, 0.7)) : 0;
  const status = inArrears ? arrearsStatusPicker.pick(rng) : rng.next() < 0.015 ? '停机' : rng.next() < 0.004 ? '冷冻期' : '正常';
  const suspendedDays =
    status === '正常' ? 0 : status === '停机' || status === '欠费停机' ? rng.int(1, 25) : status === '冷冻期' ? rng.int(5, 60) : rng.int(30, 90);
  const balance = inArrears ? 0 : round2(rng.logNormal(brand === '神州行' ? 25 : 12, 0.9));

  const doNotDisturb = rng.next() < 0.03;
  const lastMarketed = rng.next() < 0.45 ? formatDay(today - rng.int(1, 180)) : null;
  const channelPref = ageGroup === 0 ? (rng.next() < 0.7 ? '手机营业厅' : rng.pick(channelPrefs)) : ageGroup === 2 && rng.next() < 0.6 ? '营业厅' : rng.pick(channelPrefs);

  // The label: most of those on the move do leave, a few others leave for reasons no field shows (moving
  // away…); the signals add to it, so a good model is good but not perfect.
  const churnLogit =
    (leaving ? 0.8 : -3.3) +
    0.5 * (intentLogit + 1.5) +
    0.5 * (dual ? 1 : 0) +
    0.3 * Math.min(competitorCsCalls, 3) +
    0.15 * Math.min(competitorContacts, 3) +
    (forward ? 0.8 : 0) +
    (status !== '正常' ? 0.5 : 0) +
    (billSpike ? 0.3 : 0) +
    rng.normal(0, 0.8);
  const churnProbability = sigmoid(churnLogit);
  const churned = rng.next() < churnProbability;
  const churnDay = today + rng.int(1, 90);

  latent.intent = intent;
  latent.churnProbability = churnProbability;
  latent.churned = churned;
  latent.competitor = dual ? dual.competitor : null;
  latent.idNo = ctx.withIdNumbers ? idNumberOf(person) : '';
  latent.male = person.male;
  latent.age = age;

  // One literal in canonical order: every row shares a hidden class, which keeps a million of them cheap.
  const row: SubscriberRow = {
    msisdn: msisdnFor(index, ctx.msisdnKey),
    name: person.name,
    brand,
    tier,
    plan_code: plan.code,
    plan_name: plan.name,
    plan_fee: plan.fee,
    join_date: formatDay(joinDay),
    tenure_months: tenure,
    region_type: regionType,
    county: county.name,
    hall: hall.name,
    manager,
    arpu_m1: arpuM1,
    arpu_m2: arpuM2,
    arpu_m3: arpuM3,
    arpu_avg3: arpuAvg3,
    arpu_cur: arpuCur,
    mou_avg3: mouAvg3,
    mou_cur: mouCur,
    data_mb_avg3: dataAvg3,
    data_mb_cur: dataCur,
    local_min: localMin,
    long_distance_min: longDistanceMin,
    roaming_min: roamingMin,
    roaming_mb: roamingMb,
    offnet_ratio_prev: round3(offnetPrev),
    offnet_ratio_cur: round3(offnetCur),
    competitor_cs_calls_week: competitorCsCalls,
    competitor_contacts: competitorContacts,
    dual_sim: dual ? dual.label : noDualSim,
    forward_offnet: forward ? 1 : 0,
    status,
    suspended_days: suspendedDays,
    balance,
    arrears,
    contract_end: hasContract ? formatDay(today + contractDaysLeft) : null,
    contract_type: contractType,
    complaints_90d: complaints,
    handset_model: handset.model,
    handset_months: handsetMonths,
    handset_smart: handset.smart ? 1 : 0,
    family_members: familyMembers,
    family_numbers: familyNumbers,
    vnet: vnet ? 1 : 0,
    broadband: broadband ? 1 : 0,
    channel_pref: channelPref,
    contact_pref: contactPrefPicker.pick(rng),
    do_not_disturb: doNotDisturb ? 1 : 0,
    last_marketed: lastMarketed,
    extra: {
      积分: Math.round(tenure * arpuAvg3 * rng.float(0.05, 0.12)),
      主副卡: secondary ? '副卡' : '主卡',
      入网渠道: joinChannel,
    },
  };
  if (ctx.withLabels) {
    row.churned = churned ? 1 : 0;
    row.churn_date = churned ? formatDay(churnDay) : null;
  }
  return row;
}

function checkCount(startIndex: number, count: number): void {
  if (!Number.isSafeInteger(startIndex) || startIndex < 0) throw new Error('startIndex must be a non-negative integer');
  if (!Number.isSafeInteger(count) || count < 0) throw new Error('count must be a non-negative integer');
  if (startIndex + count > maxMsisdnCount) throw new Error(`at most ${maxMsisdnCount} distinct demo numbers can be generated`);
}

export function* generateSubscribers(opts: GenerateSubscribersOptions): Generator<SubscriberRow> {
  const start = opts.startIndex ?? 0;
  checkCount(start, opts.count);
  const ctx = makeContext(opts.seed, opts.today, opts.withLabels ?? false);
  const latent = newLatent();
  for (let i = start; i < start + opts.count; i++) yield buildSubscriber(ctx, i, latent);
}

/**
 * Rows with what the generator knows beyond them. The `latent` object is the same one each time, overwritten
 * by the next row: copy what you need before advancing.
 */
export function* generateSubscribersWithLatent(
  opts: GenerateSubscribersOptions & { withIdNumbers?: boolean },
): Generator<{ index: number; row: SubscriberRow; latent: Latent }> {
  const start = opts.startIndex ?? 0;
  checkCount(start, opts.count);
  const ctx = makeContext(opts.seed, opts.today, opts.withLabels ?? false, opts.withIdNumbers ?? false);
  const item = { index: start, row: undefined as unknown as SubscriberRow, latent: newLatent() };
  for (let i = start; i < start + opts.count; i++) {
    item.index = i;
    item.row = buildSubscriber(ctx, i, item.latent);
    yield item;
  }
}

/* ------------------------------------------------------------------------------------------------ */
/* Demo workspace: agents, work lists, tasks and a few weeks of contact history                      */

export interface DemoAgent {
  id: string;
  name: string;
  role: 'agent' | 'supervisor';
  hall: string;
}

export interface DemoList {
  key: string;
  name: string;
  type: ListType;
  period: string;
  dueDate: string;
  importedAt: string;
  members: { msisdn: string; reason: string }[];
}

export interface DemoTask {
  msisdn: string;
  agentId: string;
  listKeys: string[];
  createdAt: string;
}

export interface DemoAttempt {
  id: string;
  msisdn: string;
  agentId: string;
  channel: Channel;
  at: string;
  disposition: Disposition;
  reason: Reason | null;
  competitor: Competitor | null;
  offerCode: DemoOfferCode | null;
  callbackAt: string | null;
  note: string | null;
}

export interface DemoWorkspace {
  seed: number;
  now: string;
  /** The Shanghai calendar date of `now`: the subscribers' snapshot date. */
  today: string;
  agents: DemoAgent[];
  lists: DemoList[];
  subscribers: SubscriberRow[];
  tasks: DemoTask[];
  /** Sorted by time. */
  attempts: DemoAttempt[];
}

export const demoAgents: readonly DemoAgent[] = [
  { id: 'A001', name: '王晓燕', role: 'agent', hall: '江城人民路营业厅' },
  { id: 'A002', name: '李俊杰', role: 'agent', hall: '江城中山广场营业厅' },
  { id: 'A003', name: '张敏', role: 'agent', hall: '临港港城大道营业厅' },
  { id: 'A004', name: '刘洋', role: 'agent', hall: '东湖路营业厅' },
  { id: 'A005', name: '陈静', role: 'agent', hall: '西山县城营业厅' },
  { id: 'S001', name: '赵建国', role: 'supervisor', hall: '江城人民路营业厅' },
];

/** A001 is the account a newcomer signs in with, so it gets the fullest queue. */
const agentPicker = new WeightedPicker([['A001', 30], ['A002', 17.5], ['A003', 17.5], ['A004', 17.5], ['A005', 17.5]] as const);

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const FIRST_CALL_MINUTE = 9 * 60;
/** Calls may start up to 20:29:59 so that every attempt time is within 09:00–20:30. */
const LAST_CALL_MINUTE = 20 * 60 + 29;

/** The first moment at or after `ms` when calling is allowed; out-of-hours times move to a morning slot. */
function callableAt(ms: number, rng: Rng): number {
  ms = Math.floor(ms / 1000) * 1000; // logged times carry whole seconds
  const minute = shanghaiMinuteOfDay(ms);
  if (minute >= FIRST_CALL_MINUTE && minute <= LAST_CALL_MINUTE) return ms;
  const day = shanghaiDay(ms) + (minute > LAST_CALL_MINUTE ? 1 : 0);
  return shanghaiInstant(day, rng.int(FIRST_CALL_MINUTE, 11 * 60 + 30)) + rng.int(0, 59) * 1000;
}

const hex = (x: number, digits: number): string => (x >>> 0).toString(16).padStart(digits, '0').slice(-digits);

/**
 * UUID-shaped (version 4 layout) but guaranteed unique: the first group is a bijection of the task index and
 * the attempt number sits in the third, the rest is seeded noise. Random-only ids could collide because
 * per-task seeds are 32-bit.
 */
function attemptId(idKey: number, taskIndex: number, attemptNo: number, rng: Rng): string {
  const r1 = rng.uint32();
  const r2 = rng.uint32();
  const r3 = rng.uint32();
  return (
    hex(mix32((taskIndex ^ idKey) >>> 0), 8) + '-' + hex(r1 >>> 16, 4) + '-4' + hex(((r1 & 0x3ff) << 2) | attemptNo, 3) +
    '-' + hex(0x8000 | (r2 & 0x3fff), 4) + '-' + hex(r3, 8) + hex(r2 >>> 16, 4)
  );
}

const competitorPicker = new WeightedPicker([['telecom', 45], ['unicom', 40], ['broadnet', 15]] as const);

/** The offers an agent would pitch for these lists and figures, most fitting first. */
function offerCandidates(row: SubscriberRow, types: readonly ListType[]): DemoOfferCode[] {
  const out: DemoOfferCode[] = [];
  for (const t of types) {
    if (t === 'contract_expiring') out.push('CONTRACT_REWARD');
    else if (t === 'dual_sim') out.push('LUCKY_NUMBER');
    else if (t === 'arrears_suspension') out.push('BALANCE_REMINDER');
    else if (t === 'handset_change') out.push('HANDSET_DEPOSIT');
    else if (t === 'no_contract_care') out.push('SPEND_GET_BACK');
  }
  const n = (v: CellValue | undefined): number => (typeof v === 'number' ? v : 0);
  if (n(row.arpu_cur) > 1.4 * n(row.arpu_avg3)) out.push('PLAN_CARE');
  if (n(row.data_mb_avg3) > 40_000) out.push('DATA_SIM');
  else if (n(row.data_mb_avg3) > 15_000) out.push('DATA_PACK');
  if (n(row.family_members) >= 3) out.push('FAMILY_PLAN');
  if (row.brand !== '全球通' && n(row.arpu_avg3) >= 100) out.push('BRAND_MIGRATION');
  if (row.brand === '全球通') out.push('CAR_SERVICE');
  out.push('CONTRACT_REWARD');
  return out;
}

function pickOffer(rng: Rng, candidates: readonly DemoOfferCode[]): DemoOfferCode {
  // Mostly the best fit, sometimes the agent's second idea.
  const i = rng.next() < 0.7 ? 0 : rng.int(0, candidates.length - 1);
  return candidates[i]!;
}

function pickReason(rng: Rng, row: SubscriberRow, latent: Latent): Reason {
  const entries: [Reason, number][] = [
    ['price', 32], ['competitor_offer', latent.competitor ? 40 : 10], ['network', row.region_type === '农村' ? 16 : 9],
    ['service', typeof row.complaints_90d === 'number' && row.complaints_90d > 0 ? 25 : 6],
    ['handset', typeof row.handset_months === 'number' && row.handset_months >= 30 ? 12 : 3], ['moving', 5],
    ['not_understand', 9], ['social_circle', latent.competitor ? 18 : 6], ['other', 6],
  ];
  return weightedPick(rng, entries);
}

const notes = {
  no_answer: ['响铃无人接听', '连续响铃未接'],
  callback: ['客户在开会，约好回电', '客户在开车，稍后联系', '客户需要和家人商量后答复', '客户表示考虑一下'],
  accepted: ['客户同意办理，已短信确认', '已预约到营业厅办理', '客户当场确认，已录入'],
  declined: ['客户表示暂不需要', '客户嫌资费贵，不愿意改', '客户对家里信号不满意', '客户称暂时不考虑换套餐'],
  competitorDeclined: ['客户称电信送宽带和副卡', '客户称联通月费更低', '客户家人都在用广电号'],
  churned: ['客户已携号转网', '客户已办理异网号码，本号不再使用'],
  complaint: ['客户对扣费有异议，已转投诉处理', '客户投诉网络质量，已派单'],
  wrong_person: ['接电话的是客户家属', '号码使用人非机主'],
} as const;

interface ContactContext {
  rng: Rng;
  row: SubscriberRow;
  latent: Latent;
  types: ListType[];
  agentId: string;
  taskIndex: number;
  idKey: number;
  createdMs: number;
  nowMs: number;
  todayDay: number;
}

/**
 * Plays an agent working one task under the contact policy of docs/product.md §6: calls only 09:00–20:30, at most
 * three attempts, a retry no sooner than two hours after a miss, callbacks honoured, do-not-disturb and
 * recently marketed numbers not phoned (they can only be served when they walk into the hall).
 */
function simulateContacts(c: ContactContext, out: DemoAttempt[]): void {
  const { rng, row, latent } = c;
  const lastMarketed = typeof row.last_marketed === 'string' ? dayNumber(row.last_marketed) : -Infinity;
  const phoneAllowed = row.do_not_disturb !== 1 && c.todayDay - lastMarketed > 60;
  const walksIn = rng.next() < (row.contact_pref === '营业厅' ? 0.2 : 0.04);
  if (!phoneAllowed && !walksIn) return;
  const visit = phoneAllowed && row.contact_pref === '上门' && (row.tier === '钻石卡' || row.tier === '金卡') && rng.next() < 0.5;
  const suspended = row.status !== '正常';
  const candidates = offerCandidates(row, c.types);
  // Customers on their way out are harder to reach and harder to keep.
  const cp = latent.churnProbability;
  const reachP = 0.34 - 0.1 * cp;

  let t = callableAt(c.createdMs + rng.exponential(2.5) * DAY_MS, rng);
  for (let k = 0; k < 3 && t < c.nowMs; k++) {
    const channel: Channel = !phoneAllowed || (walksIn && k === 0 && rng.next() < 0.5) ? 'hall' : visit && k === 0 ? 'visit' : 'phone';
    const faceToFace = channel !== 'phone';
    const attempt: DemoAttempt = {
      id: attemptId(c.idKey, c.taskIndex, k, rng),
      msisdn: row.msisdn,
      agentId: c.agentId,
      channel,
      at: formatUtc(t),
      disposition: 'no_answer',
      reason: null,
      competitor: null,
      offerCode: null,
      callbackAt: null,
      note: null,
    };
    out.push(attempt);

    if (!faceToFace && !(rng.next() < (suspended ? reachP * 0.3 : reachP))) {
      attempt.disposition = suspended && rng.next() < 0.7
        ? 'powered_off'
        : weightedPick(rng, [['no_answer', 55], ['busy', 15], ['hung_up', 15], ['powered_off', 10], ['invalid_number', 2]] as const);
      if (attempt.disposition === 'no_answer' && rng.next() < 0.1) attempt.note = rng.pick(notes.no_answer);
      if (attempt.disposition === 'invalid_number') return;
      const gap = rng.next() < 0.55 ? rng.float(2, 6) * HOUR_MS : rng.float(1, 3) * DAY_MS;
      t = callableAt(t + gap, rng);
      if (!phoneAllowed) return;
      continue;
    }

    const outcome = weightedPick(rng, [
      ['accepted', 42 * (1 - cp) ** 1.5],
      ['declined', 36 + 20 * cp],
      ['callback', k < 2 && !faceToFace ? 20 : 0],
      ['churned', 16 * cp * cp],
      ['complaint', typeof row.complaints_90d === 'number' && row.complaints_90d > 0 ? 5 : 1.2],
      ['wrong_person', faceToFace ? 0 : 4],
    ] as const);
    attempt.disposition = outcome;
    const withNote = rng.next() < 0.45;
    if (outcome === 'accepted') {
      attempt.offerCode = pickOffer(rng, candidates);
      if (withNote) attempt.note = rng.pick(notes.accepted);
    } else if (outcome === 'declined') {
      attempt.offerCode = pickOffer(rng, candidates);
      attempt.reason = pickReason(rng, row, latent);
      if (attempt.reason === 'competitor_offer') attempt.competitor = latent.competitor ?? competitorPicker.pick(rng);
      if (withNote) attempt.note = rng.pick(attempt.reason === 'competitor_offer' ? notes.competitorDeclined : notes.declined);
    } else if (outcome === 'churned') {
      attempt.reason = rng.next() < 0.6 ? 'competitor_offer' : pickReason(rng, row, latent);
      attempt.competitor = latent.competitor ?? (rng.next() < 0.75 ? competitorPicker.pick(rng) : null);
      if (withNote) attempt.note = rng.pick(notes.churned);
    } else if (outcome === 'callback') {
      const back = callableAt(t + rng.float(0.5, 12) * DAY_MS, rng);
      attempt.callbackAt = formatUtc(back);
      if (withNote) attempt.note = rng.pick(notes.callback);
      // The agent calls back when promised; a callback after `now` stays pending in the queue.
      t = back + rng.int(0, 20) * 60_000;
      // A call-back that came due before `now` was honoured before it (at its time): one left due at the workspace's
      // "as of" made the demo's queues depend on the hour it was generated at (a due call-back leads a queue).
      if (shanghaiMinuteOfDay(t) > LAST_CALL_MINUTE || (back < c.nowMs && t >= c.nowMs)) t = back;
      continue;
    } else if (withNote) {
      attempt.note = rng.pick(outcome === 'complaint' ? notes.complaint : notes.wrong_person);
    }
    return;
  }
}

export interface GenerateDemoWorkspaceOptions {
  seed: number;
  subscribers: number;
  /** UTC ISO instant the workspace is "as of"; history lies before it, callbacks may lie after. */
  now: string;
}

export function generateDemoWorkspace(opts: GenerateDemoWorkspaceOptions): DemoWorkspace {
  const nowMs = parseUtc(opts.now);
  const todayDay = shanghaiDay(nowMs);
  const today = formatDay(todayDay);
  const specs = demoListSpecs(nowMs);
  const lists: DemoList[] = specs.map((s) => ({
    key: s.key, name: s.name, type: s.type, period: s.period, dueDate: s.dueDate, importedAt: s.importedAt, members: [],
  }));
  const importedMs = specs.map((s) => parseUtc(s.importedAt));
  const taskSeed = deriveSeed(opts.seed, 6);
  const idKey = deriveSeed(opts.seed, 7);
  const subscribers: SubscriberRow[] = [];
  const tasks: DemoTask[] = [];
  const attempts: DemoAttempt[] = [];

  for (const { index, row, latent } of generateSubscribersWithLatent({ seed: opts.seed, count: opts.subscribers, today })) {
    subscribers.push(row);
    const onLists: number[] = [];
    for (let i = 0; i < specs.length; i++) {
      const reason = specs[i]!.select(row, todayDay);
      if (reason !== null) {
        lists[i]!.members.push({ msisdn: row.msisdn, reason });
        onLists.push(i);
      }
    }
    if (onLists.length === 0) continue;
    const rng = new Rng(taskSeed, index);
    const agentId = agentPicker.pick(rng);
    const createdMs = Math.min(...onLists.map((i) => importedMs[i]!));
    tasks.push({ msisdn: row.msisdn, agentId, listKeys: onLists.map((i) => specs[i]!.key), createdAt: formatUtc(createdMs) });
    simulateContacts(
      { rng, row, latent, types: onLists.map((i) => specs[i]!.type), agentId, taskIndex: index, idKey, createdMs, nowMs, todayDay },
      attempts,
    );
  }
  attempts.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id < b.id ? -1 : 1));
  return { seed: opts.seed, now: formatUtc(nowMs), today, agents: demoAgents.map((a) => ({ ...a })), lists, subscribers, tasks, attempts };
}
