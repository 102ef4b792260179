/**
 * On which day a customer's P(churn) could next be given otherwise (docs/scoring-storage.md "A new day computes the
 * customers due"). The model reads the day through at most three features — days to the contract's end, days since
 * the last marketing, the tenure from the join date — and each moves predictably: by one a day, or by one a month.
 *
 *  - The trees: a row's path through them changes only on a day one of the splits on that path, on one of those
 *    values, answers otherwise (a row goes right when value > threshold). Until then the trees' margin is the same,
 *    bit for bit.
 *  - The logistic part: only the day features' columns move its logit, each by its coefficient times the change of
 *    its clipped, standardised value (core/model/features.ts linearNumeric). It is followed day by day — the logit of
 *    each day is today's plus those changes — until the first day its P, as `given` rounds it, could be another (with
 *    FLOAT_ROOM for the float sums), the trees move, or FOLLOWED_DAYS have passed. Bounding the daily move instead
 *    (|coef| / scale summed) made 1.2–2.2 times as many customers due as changed (tests/unit/risk/day-horizon.test.ts).
 *
 * Never late: a customer may be computed a day or more before their figures change, never after.
 */
import { dayMotion, joinDayOf, numericValue, standardised, tenureReachesOn, type Encoder, type NumericSource } from './features';
import { gbdtPathMin, type GbdtModel } from './gbdt';
import { sigmoid, type LogisticModel } from './logistic';

interface DayFeature {
  source: NumericSource;
  /** Its index among the features (and in the tree vector). */
  index: number;
  /** The logistic part's coefficient of the feature's value column times its weight in the blend (0: none). */
  coef: number;
  /** That column's centre and scale, and the clip bounds of the value (core/model/features.ts linearNumeric). */
  center: number;
  scale: number;
  lo: number;
  hi: number;
}

/**
 * Room for the float arithmetic of the logit's sum and the sigmoid (about 1e-15 of a P) when asking whether a day's
 * logit gives the same P: a P just inside a rounding boundary is taken as crossing it.
 */
const FLOAT_ROOM = 1e-11;

/**
 * How many days ahead the logistic part is followed, one by one. A customer whose P holds that long is computed again
 * then (and followed as far again): two months keeps the day's few due customers few without following years.
 */
const FOLLOWED_DAYS = 64;

/**
 * For a model and a day: a function of a row, the blend's logit z that row was given that day and its tree vector
 * (read only when there are trees), and of the rounding the P is given in, returning the first day after `todayDay` on which the
 * given P could differ (Infinity: never).
 */
export function dayHorizon(
  encoder: Encoder,
  gbdt: GbdtModel | undefined,
  logistic: LogisticModel | undefined,
  logisticWeight: number,
  todayDay: number,
): (row: Record<string, unknown>, z: number, tree: Float64Array, given: (p: number) => number) => number {
  const features: DayFeature[] = [];
  const watched = new Uint8Array(encoder.spec.features.length);
  encoder.spec.features.forEach((f, fi) => {
    if (f.type !== 'numeric' || (f.source.kind !== 'daysUntil' && f.source.kind !== 'daysSince' && f.source.kind !== 'tenure')) return;
    const c = logistic && logisticWeight > 0 ? encoder.linearColumns.findIndex((col) => col.feature === fi && col.part === 'value') : -1;
    const coef = c >= 0 ? logisticWeight * logistic!.coef[c]! : 0;
    const col = c >= 0 ? encoder.linearColumns[c]! : { center: 0, scale: 1 };
    if (gbdt) watched[fi] = 1;
    features.push({ source: f.source, index: fi, coef, center: col.center, scale: col.scale, lo: f.lo, hi: f.hi });
  });
  // Per row: each day feature's motion (dayMotion), value today and join day, by feature index, for the trees' walk.
  const motionOf = new Float64Array(encoder.spec.features.length);
  const valueOf = new Float64Array(encoder.spec.features.length);
  const joinOf = new Float64Array(encoder.spec.features.length);
  /** The first day a split `value > threshold` on a day feature answers otherwise for this row (Infinity: never). */
  const splitChangesOn = (fi: number, threshold: number): number => {
    const motion = motionOf[fi]!;
    const v = valueOf[fi]!;
    // Rising by one a day: `v > t` turns true at the first whole value above t.
    if (motion === 1) return v > threshold ? Infinity : todayDay + Math.floor(threshold) + 1 - v;
    // Falling by one a day: it turns false at floor(t).
    if (motion === -1) return v > threshold ? todayDay + v - Math.floor(threshold) : Infinity;
    if (motion === 2) return v > threshold ? Infinity : tenureReachesOn(joinOf[fi]!, Math.floor(threshold) + 1);
    return Infinity;
  };
  const column = (f: DayFeature, v: number): number => standardised(v, f.lo, f.hi, f.center, f.scale);

  // Per row, the moving features of the logistic part: their motion, value today, column today, and for a tenure the
  // join day and the day of its next month.
  const moving: { f: DayFeature; motion: number; v: number; column: number; join: number; nextMonth: number }[] = features.map((f) => ({ f, motion: 0, v: 0, column: 0, join: 0, nextMonth: 0 }));

  return (row, z, tree, given) => {
    let count = 0;
    for (const f of features) {
      const fi = f.index;
      const motion = dayMotion(f.source, row);
      const v = motion === 0 ? NaN : numericValue(f.source, row, todayDay);
      motionOf[fi] = v === v ? motion : 0;
      if (v !== v) continue;
      valueOf[fi] = v;
      const join = motion === 2 ? joinDayOf(row) : 0;
      joinOf[fi] = join;
      if (f.coef !== 0) {
        const m = moving[count++]!;
        m.f = f;
        m.motion = motion;
        m.v = v;
        m.column = column(f, v);
        m.join = join;
        m.nextMonth = motion === 2 ? tenureReachesOn(join, v + 1) : Infinity;
      }
    }
    // The trees: until a split on the row's path answers otherwise, the path and the trees' margin are the same.
    const treesChange = gbdt ? gbdtPathMin(gbdt, tree, watched, splitChangesOn) : Infinity;
    if (count === 0) return treesChange;
    // The logistic part, day by day until the trees move: the logit each day is today's plus each moving column's
    // change times its coefficient (the other columns do not move).
    const g = given(sigmoid(z));
    const last = Math.min(treesChange - todayDay - 1, FOLLOWED_DAYS);
    for (let k = 1; k <= last; k++) {
      let dz = 0;
      for (let i = 0; i < count; i++) {
        const m = moving[i]!;
        let v: number;
        if (m.motion !== 2) v = m.v + m.motion * k;
        else {
          if (todayDay + k >= m.nextMonth) m.nextMonth = tenureReachesOn(m.join, ++m.v + 1);
          v = m.v;
        }
        dz += m.f.coef * (column(m.f, v) - m.column);
      }
      const p = sigmoid(z + dz);
      if (given(p + FLOAT_ROOM) !== g || given(p - FLOAT_ROOM) !== g) return todayDay + k;
    }
    return todayDay + last + 1;
  };
}
