import { describe, expect, it } from 'vitest';
import { trainChurnModel } from '../../../core/model/train';
import { loadTelcoDataset } from '../../bench/telco-datasets';

/**
 * The public telco churn datasets (tests/fixtures/model/README.md): the model chosen by cross-validation must do at
 * least as well on the holdout as scikit-learn's GradientBoostingClassifier with default settings on the same splits
 * — its mean holdout AUC over seeds 1–3, measured by `npm run bench -- --only model` (scikit-learn 1.2.1, Debian
 * bookworm) and written down here, since CI may have no scikit-learn. Before cross-validation, the single
 * validation split kept logistic regression on wa_churn seed 1 where the trees did better on the holdout, and the
 * untuned trees fell short on mlc_churn (mean 0.922).
 */
const SKLEARN_GBC_MEAN_HOLDOUT_AUC: Record<string, number> = { wa_churn: 0.8534, mlc_churn: 0.9257 };
const SEEDS = [1, 2, 3];

describe.each(Object.keys(SKLEARN_GBC_MEAN_HOLDOUT_AUC))('public telco dataset %s', (name) => {
  it('mean holdout AUC over three splits ≥ scikit-learn GradientBoostingClassifier’s', () => {
    const ds = loadTelcoDataset(name);
    const aucs = SEEDS.map((seed) => {
      const res = trainChurnModel(ds.rows, { seed, today: '2026-11-23', method: 'auto' });
      expect(res.metrics.cv.folds).toBe(5);
      expect(res.metrics.cv.rows).toBe(res.split.train.length);
      return res.metrics.holdout.auc;
    });
    const mean = aucs.reduce((a, b) => a + b, 0) / aucs.length;
    console.log(`[model] ${name}: holdout AUC ${aucs.map((a) => a.toFixed(4)).join(', ')}; mean ${mean.toFixed(4)} vs scikit-learn ${SKLEARN_GBC_MEAN_HOLDOUT_AUC[name]}`);
    expect(mean).toBeGreaterThanOrEqual(SKLEARN_GBC_MEAN_HOLDOUT_AUC[name]!);
  }, 300_000);
});
