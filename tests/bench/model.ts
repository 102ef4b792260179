/**
 * The churn model's figures (issue 19 item 4): training time at 100,000 labelled rows (baseline: logistic
 * regression alone, with its own cross-validation, in the same run), and on the public telco datasets our
 * cross-validated AUC (mean ± sd over 5 folds), our holdout AUC, and scikit-learn's GradientBoostingClassifier with
 * default settings on the same split (tests/bench/sklearn-compare.py; skipped where Python cannot import sklearn).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { generateSubscribers } from '../../core/demo/generator';
import { trainChurnModel, type TrainChurnResult } from '../../core/model/train';
import { loadTelcoDataset, TELCO_DATASETS, type TelcoDataset } from './telco-datasets';

type Report = (name: string, figure: number, baseline: number, target: string, unit?: string) => void;

const ms = (t0: bigint): number => Number(process.hrtime.bigint() - t0) / 1e6;
const PYTHON = process.env.PYTHON ?? '/usr/bin/python3';
/** Seeds of the holdout splits each dataset is compared on (one split's AUC moves by ±0.01 on a few thousand rows). */
const SEEDS = [1, 2, 3];

export function trainingFigure(report: Report, trainRows: number, today: string): void {
  const rows = [...generateSubscribers({ seed: 41, count: trainRows, today, withLabels: true })];
  const load = os.loadavg()[0]!.toFixed(1);
  // CPU time besides wall time: on a shared machine the wall time says as much about the neighbours as about us.
  const cpuMs = (c0: NodeJS.CpuUsage): number => {
    const c = process.cpuUsage(c0);
    return (c.user + c.system) / 1000;
  };
  let t0 = process.hrtime.bigint();
  let c0 = process.cpuUsage();
  const lr = trainChurnModel(rows, { seed: 1, today, method: 'logistic' });
  const lrMs = ms(t0);
  const lrCpu = cpuMs(c0);
  t0 = process.hrtime.bigint();
  c0 = process.cpuUsage();
  const auto = trainChurnModel(rows, { seed: 1, today, method: 'auto' });
  const autoMs = ms(t0);
  const autoCpu = cpuMs(c0);
  report(`train on ${trainRows.toLocaleString('en')} rows (auto: 5-fold CV, tuned trees, blend)`, autoMs, lrMs, '≤ 60 s');
  const cv = auto.metrics.cv;
  console.log(
    `  chosen ${auto.model.method}: CV AUC ${cv.auc.mean.toFixed(3)} ± ${cv.auc.sd.toFixed(3)} (${cv.folds} folds on ${cv.rows.toLocaleString('en')} rows), ` +
      `holdout AUC ${auto.metrics.holdout.auc.toFixed(3)} (logistic alone ${lr.metrics.holdout.auc.toFixed(3)}), top-decile lift ${auto.metrics.holdout.topDecileLift.toFixed(2)}; ` +
      `CPU time ${(autoCpu / 1000).toFixed(1)} s (logistic alone ${(lrCpu / 1000).toFixed(1)} s); 1-minute load average ${load} on ${os.cpus().length} cores`,
  );
}

function sklearnAvailable(): string | null {
  const r = spawnSync(PYTHON, ['-c', 'import sklearn; print(sklearn.__version__)'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

/** scikit-learn's default GradientBoostingClassifier on our split of the dataset: its holdout AUC. */
function sklearnAuc(ds: TelcoDataset, result: TrainChurnResult): { auc: number; fitMs: number } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rd-sklearn-'));
  try {
    const holdout = new Uint8Array(ds.rows.length);
    // Every row of these datasets has a label, so the split's indices are the table's rows.
    for (const i of result.split.test) holdout[i] = 1;
    const file = path.join(dir, `${ds.name}.csv`);
    const lines = [[...ds.header, '__holdout'].join(','), ...ds.table.map((r, i) => [...r, String(holdout[i])].join(','))];
    fs.writeFileSync(file, lines.join('\n') + '\n');
    const r = spawnSync(PYTHON, [path.resolve('tests/bench/sklearn-compare.py'), file], { encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`sklearn-compare.py failed: ${r.stderr || r.stdout}`);
    return JSON.parse(r.stdout.trim().split('\n').pop()!) as { auc: number; fitMs: number };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const mean = (a: number[]): number => a.reduce((s, v) => s + v, 0) / a.length;

export function publicDatasetFigures(today: string): void {
  const sk = sklearnAvailable();
  console.log(`\nchurn model on public telco datasets (holdout 25 %, seeds ${SEEDS.join(', ')}; ${sk ? `scikit-learn ${sk}` : 'scikit-learn: skipped: apt-get install python3-sklearn'})`);
  for (const name of TELCO_DATASETS) {
    const ds = loadTelcoDataset(name);
    const ours: number[] = [];
    const theirs: number[] = [];
    for (const seed of SEEDS) {
      const t0 = process.hrtime.bigint();
      const res = trainChurnModel(ds.rows, { seed, today, method: 'auto' });
      const took = ms(t0);
      const cv = res.metrics.cv;
      ours.push(res.metrics.holdout.auc);
      const ref = sk ? sklearnAuc(ds, res) : null;
      if (ref) theirs.push(ref.auc);
      console.log(
        `  ${name.padEnd(10)} seed ${seed}: ${res.model.method.padEnd(8)} CV AUC ${cv.auc.mean.toFixed(3)} ± ${cv.auc.sd.toFixed(3)} (${cv.folds} folds)  ` +
          `holdout AUC ${res.metrics.holdout.auc.toFixed(3)}  ${ref ? `sklearn GBC ${ref.auc.toFixed(3)}` : 'sklearn —'}  ` +
          `(ours ${(took / 1000).toFixed(1)} s${ref ? `, sklearn fit ${(ref.fitMs / 1000).toFixed(1)} s` : ''}; ${res.metrics.compared.map((c) => `${c.method} ${c.validationAuc.toFixed(3)}/${c.holdoutAuc.toFixed(3)}`).join(', ')})`,
      );
    }
    console.log(
      `  ${name.padEnd(10)} mean holdout AUC: ours ${mean(ours).toFixed(4)}${theirs.length ? `, sklearn GradientBoostingClassifier ${mean(theirs).toFixed(4)} (target: ours ≥ sklearn)` : ''}`,
    );
  }
}
