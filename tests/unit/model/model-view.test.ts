import { describe, expect, it } from 'vitest';
import { calibration } from '../../../core/model/evaluate';
import { calibrationGap, holdoutOf, inLocale, type ModelItem } from '../../../renderer/src/pages/model/modelView';

/** What the model page derives from model-list before showing it to a supervisor. */
describe('model page view helpers', () => {
  it('shows the half of a "中文 / English" job message in the UI language, and leaves other messages whole', () => {
    const both = '标注数据太少（120 行，其中离网 22 行）：至少需要 200 行 / Too little labelled history (120 rows, 22 churned).';
    expect(inLocale(both, 'zh-CN')).toBe('标注数据太少（120 行，其中离网 22 行）：至少需要 200 行');
    expect(inLocale(both, 'en')).toBe('Too little labelled history (120 rows, 22 churned).');
    // The English half may quote the Chinese header.
    expect(inLocale('文件没有“是否离网”列 / The file has no churned column (是否离网).', 'en')).toBe('The file has no churned column (是否离网).');
    for (const whole of ['No model version 9.', 'history 2024 / 2025.xlsx cannot be read', 'a / b / c']) {
      expect(inLocale(whole, 'zh-CN')).toBe(whole);
    }
  });

  it('reads the mean calibration gap weighted by customers, skipping empty bins', () => {
    const probs = [0.05, 0.05, 0.05, 0.05, 0.95, 0.95];
    const labels = [0, 0, 0, 1, 1, 1];
    // Bin 0: 4 customers, predicted 5%, observed 25% → 20 points; bin 9: 2 customers, 95% vs 100% → 5 points.
    expect(calibrationGap(calibration(probs, labels))).toBeCloseTo((4 * 0.2 + 2 * 0.05) / 6, 10);
    // As stored: JSON has turned the empty bins' NaN into null.
    expect(calibrationGap(JSON.parse(JSON.stringify(calibration(probs, labels))))).toBeCloseTo((4 * 0.2 + 2 * 0.05) / 6, 10);
    expect(calibrationGap([])).toBeNull();
  });

  it('tolerates a stored holdout without tables and the null threshold JSON makes of Infinity', () => {
    const item = (holdout: Record<string, unknown>): ModelItem => ({
      version: 1, method: 'gbdt', trainedAt: '2026-11-23T03:00:00Z', trainedBy: 'S001', trainedByName: '赵建国', sourceFile: 'h.xlsx', rows: 10, active: false, holdout, cv: null, compared: [], importance: [],
    });
    const h = holdoutOf(item({ auc: 0.8, roc: [{ fpr: 0, tpr: 0, threshold: null }, { fpr: null, tpr: 1 }, { fpr: 1, tpr: 1, threshold: 0.1 }] }));
    expect(h.roc.map((p) => [p.fpr, p.tpr])).toEqual([[0, 0], [1, 1]]);
    expect(h.gains).toEqual([]);
    expect(h.calibration).toEqual([]);
    expect(Number.isNaN(h.topDecileLift)).toBe(true);
  });
});
