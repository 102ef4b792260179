/**
 * A seeded generator of a "real-like" telco churn sample shaped like the public IBM Telco Customer Churn
 * dataset (7,043 rows, 21 columns), which cannot be downloaded here. It writes tests/fixtures/model/telco-sample.csv
 * (see the README there) and reproduces the marginal structure the public data is known for:
 *  - overall churn ≈ 26.5%;
 *  - Contract: month-to-month ≈ 55% of customers, churn ≈ 43%; one year ≈ 21%, ≈ 11%; two year ≈ 24%, ≈ 3%;
 *  - InternetService: fiber optic ≈ 44% (churn ≈ 42%), DSL ≈ 34% (≈ 19%), none ≈ 22% (≈ 7%);
 *  - PaymentMethod: electronic check ≈ 34% with churn ≈ 45%, the automatic methods ≈ 15–17%;
 *  - tenure: U-shaped (many 1-month and 72-month customers), strongly protective; blank TotalCharges for
 *    tenure 0 as in the original; MonthlyCharges built from the services taken; seniors churn more;
 *    online security / tech support protect; unexplained variation keeps a good model near AUC 0.84–0.86.
 */
import { Rng } from '../../../core/demo/random';

export const telcoColumns = [
  'customerID', 'gender', 'SeniorCitizen', 'Partner', 'Dependents', 'tenure', 'PhoneService', 'MultipleLines',
  'InternetService', 'OnlineSecurity', 'OnlineBackup', 'DeviceProtection', 'TechSupport', 'StreamingTV',
  'StreamingMovies', 'Contract', 'PaperlessBilling', 'PaymentMethod', 'MonthlyCharges', 'TotalCharges', 'Churn',
] as const;

export type TelcoRow = Record<(typeof telcoColumns)[number], string>;

interface Draft {
  row: TelcoRow;
  logit: number;
  u: number;
}

const yesNo = (b: boolean): string => (b ? 'Yes' : 'No');
const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

function draft(seed: number, i: number): Draft {
  const rng = new Rng(seed, i);
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  let id = String(rng.int(0, 9999)).padStart(4, '0') + '-';
  for (let k = 0; k < 5; k++) id += letters[rng.int(0, 25)];

  const male = rng.next() < 0.505;
  const senior = rng.next() < 0.162;
  const partner = rng.next() < 0.483;
  const dependents = rng.next() < (partner ? 0.52 : 0.09);

  const t = rng.next();
  const tenure =
    t < 0.0016 ? 0 : t < 0.09 ? 1 : t < 0.3 ? rng.int(2, 12) : t < 0.72 ? rng.int(13, 60) : t < 0.93 ? rng.int(61, 71) : 72;
  const c = rng.next();
  const [pM2M, pOne] = tenure < 12 ? [0.9, 0.07] : tenure <= 48 ? [0.6, 0.22] : [0.26, 0.3];
  const contract = c < pM2M ? 'Month-to-month' : c < pM2M + pOne ? 'One year' : 'Two year';

  const phone = rng.next() < 0.903;
  const multiple = phone ? rng.next() < 0.3 + 0.004 * tenure : false;
  const n = rng.next();
  const internet = n < 0.44 ? 'Fiber optic' : n < 0.78 ? 'DSL' : 'No';
  const hasNet = internet !== 'No';
  const addOn = (p: number): boolean => hasNet && rng.next() < Math.min(0.95, p + 0.004 * tenure);
  const security = addOn(internet === 'DSL' ? 0.32 : 0.12);
  const backup = addOn(0.25);
  const protection = addOn(0.25);
  const support = addOn(internet === 'DSL' ? 0.3 : 0.12);
  const tv = addOn(internet === 'Fiber optic' ? 0.45 : 0.2);
  const movies = addOn(internet === 'Fiber optic' ? 0.46 : 0.2);
  const netText = (b: boolean): string => (hasNet ? yesNo(b) : 'No internet service');

  const paperless = rng.next() < (internet === 'Fiber optic' ? 0.77 : internet === 'DSL' ? 0.56 : 0.29);
  const p = rng.next();
  const pEcheck = contract === 'Month-to-month' ? (internet === 'Fiber optic' ? 0.6 : 0.4) : 0.15;
  const payment =
    p < pEcheck
      ? 'Electronic check'
      : p < pEcheck + (1 - pEcheck) * 0.34
        ? 'Mailed check'
        : p < pEcheck + (1 - pEcheck) * 0.67
          ? 'Bank transfer (automatic)'
          : 'Credit card (automatic)';

  let monthly =
    (phone ? 20 : 0) + (multiple ? 5 : 0) + (internet === 'Fiber optic' ? 50 : internet === 'DSL' ? 25 : 0) +
    (security ? 5 : 0) + (backup ? 5 : 0) + (protection ? 5 : 0) + (support ? 5 : 0) + (tv ? 10 : 0) + (movies ? 10 : 0) +
    rng.normal(0, 1.5);
  if (!hasNet) monthly = 19.5 + (multiple ? 5 : 0) + rng.normal(0, 0.6);
  monthly = Math.min(118.75, Math.max(18.25, Math.round(monthly * 20) / 20));
  const total = tenure === 0 ? '' : (Math.max(monthly, tenure * monthly * (1 + rng.normal(0, 0.04)))).toFixed(2);

  const logit =
    (contract === 'Month-to-month' ? 0 : contract === 'One year' ? -1.5 : -2.9) +
    (internet === 'Fiber optic' ? 1.0 : internet === 'No' ? -1.2 : 0) +
    (payment === 'Electronic check' ? 0.55 : payment === 'Mailed check' ? 0 : -0.2) +
    -0.55 * Math.log1p(tenure) +
    (tenure <= 1 ? 0.4 : 0) +
    (paperless ? 0.3 : 0) +
    (senior ? 0.25 : 0) +
    (partner ? -0.05 : 0) +
    (dependents ? -0.2 : 0) +
    (security ? -0.35 : 0) +
    (support ? -0.35 : 0) +
    (backup ? -0.1 : 0) +
    (tv ? 0.12 : 0) +
    (movies ? 0.12 : 0) +
    (multiple ? 0.1 : 0) +
    0.006 * (monthly - 65) +
    // What no column shows (moving house, a better offer heard of…).
    rng.normal(0, 0.75);

  const row: TelcoRow = {
    customerID: id,
    gender: male ? 'Male' : 'Female',
    SeniorCitizen: senior ? '1' : '0',
    Partner: yesNo(partner),
    Dependents: yesNo(dependents),
    tenure: String(tenure),
    PhoneService: yesNo(phone),
    MultipleLines: phone ? yesNo(multiple) : 'No phone service',
    InternetService: internet,
    OnlineSecurity: netText(security),
    OnlineBackup: netText(backup),
    DeviceProtection: netText(protection),
    TechSupport: netText(support),
    StreamingTV: netText(tv),
    StreamingMovies: netText(movies),
    Contract: contract,
    PaperlessBilling: yesNo(paperless),
    PaymentMethod: payment,
    MonthlyCharges: monthly.toFixed(2),
    TotalCharges: total,
    Churn: 'No',
  };
  return { row, logit, u: rng.next() };
}

/** `count` rows; the intercept is set by bisection so the expected churn rate is `churnRate`. */
export function generateTelcoSample(seed = 20240601, count = 2000, churnRate = 0.265): TelcoRow[] {
  const drafts = Array.from({ length: count }, (_, i) => draft(seed, i));
  let lo = -10;
  let hi = 10;
  for (let k = 0; k < 60; k++) {
    const mid = (lo + hi) / 2;
    let s = 0;
    for (const d of drafts) s += sigmoid(d.logit + mid);
    if (s / count < churnRate) lo = mid;
    else hi = mid;
  }
  const b = (lo + hi) / 2;
  for (const d of drafts) d.row.Churn = d.u < sigmoid(d.logit + b) ? 'Yes' : 'No';
  return drafts.map((d) => d.row);
}

export function telcoCsv(rows: readonly TelcoRow[]): string {
  return [telcoColumns.join(','), ...rows.map((r) => telcoColumns.map((c) => r[c]).join(','))].join('\n') + '\n';
}

export function parseCsv(text: string): Record<string, string>[] {
  const lines = text.split(/\r?\n/).filter((l) => l.length > 0);
  const header = (lines[0] ?? '').split(',');
  return lines.slice(1).map((l) => {
    const cells = l.split(',');
    return Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']));
  });
}
