import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEMO_HISTORY_ROWS } from '../../core/demo/files';
import { expect, test } from './fixtures';
import { AppShell, QueuePage } from './pages';
import { ModelPage } from './pages/ModelPage';

interface ModelList {
  items: { version: number; method: string; active: boolean; rows: number; holdout: { auc: number; topDecileLift: number } }[];
}

/** Labelled history as the warehouse exports it: the demo work-list sheet plus 是否离网 / 离网日期. */
function historyFile(dir: string, name: string, rows: number, seed: number): string {
  const file = path.join(dir, name);
  execFileSync(process.execPath, [path.resolve('dist/node/cli.cjs'), 'demo', '--rows', String(rows), '--labels', '--seed', String(seed), '--out', file]);
  return file;
}

test.describe('churn model page', () => {
  let dir: string;
  test.beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rd-model-'));
  });
  test.afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('a supervisor of the demo downloads its history, trains from it, reads its quality, makes it active and goes back to the rule score', async ({ page, app }) => {
    const tooSmall = historyFile(dir, '历史-太少.xlsx', 120, 41);
    const before = (await app.api<ModelList>('model-list')).items;

    await new AppShell(page).open(app.openUrl);
    const model = new ModelPage(page);
    await model.open();
    await expect(model.activeBanner).toHaveAttribute('data-version', String(before.find((m) => m.active)?.version ?? ''));
    // The demo has no history file of its own to train from: the page hands one over (演示历史数据), saved as any download.
    const download = page.waitForEvent('download');
    await page.getByTestId('model-demo-history').click();
    expect((await download).suggestedFilename()).toMatch(/^演示历史数据-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const history = path.join(dir, (await download).suggestedFilename());
    await (await download).saveAs(history);

    // Too little history: the label column is found, but training refuses with the counts, and stores nothing.
    await model.chooseHistory(tooSmall);
    await expect(model.trainLabel).toHaveAttribute('data-found', 'true');
    await model.train();
    await expect(model.trainError).toContainText(/标注数据太少（120 行/);
    expect((await app.api<ModelList>('model-list')).items).toHaveLength(before.length);

    // Enough history: trained on the machine, the new version appears selected with its holdout figures.
    await model.chooseHistory(history);
    await expect(model.trainLabel).toHaveAttribute('data-found', 'true');
    await expect(model.trainError).toHaveCount(0);
    await model.train();
    await expect(model.trainDialog).toHaveCount(0);

    const after = (await app.api<ModelList>('model-list')).items;
    const trained = after.find((m) => !before.some((b) => b.version === m.version));
    if (!trained) throw new Error('no new model version');
    expect(trained).toMatchObject({ active: false, rows: DEMO_HISTORY_ROWS });
    expect(trained.holdout.auc).toBeGreaterThan(0.75);

    await expect(model.rows).toHaveCount(before.length + 1);
    await expect(model.row(trained.version)).toHaveAttribute('aria-selected', 'true');
    await expect(model.row(trained.version).getByTestId('model-row-auc')).toHaveText(trained.holdout.auc.toFixed(3));
    await expect(model.detail).toHaveAttribute('data-version', String(trained.version));
    await expect(model.aucValue).toHaveText(trained.holdout.auc.toFixed(3));
    // The ROC curve is drawn from the holdout's points, beside the diagonal of a random guess.
    await expect(model.line(model.roc, 'model')).toHaveCount(1);
    await expect(model.line(model.roc, 'baseline')).toHaveCount(1);
    expect(((await model.line(model.roc, 'model').getAttribute('d')) ?? '').split(/[LC]/).length).toBeGreaterThan(20);
    // Logistic, boosted trees and their blend, each with its cross-validated AUC; the chosen one's on one line.
    await expect(model.detail.getByTestId('model-compared-row')).toHaveCount(3);
    await expect(model.detail.getByTestId('model-cv')).toHaveText(/^交叉验证 AUC 0\.\d\d ± 0\.\d\d（5 折）$/);
    await expect(model.detail.getByTestId('model-feature').first()).toBeVisible();
    await expect(model.activeChips).toHaveCount(after.filter((m) => m.active).length);

    // Make it active: confirmed, every customer recomputed, the chip and the banner move to it.
    await model.activate(trained.version);
    await expect(model.row(trained.version)).toHaveAttribute('data-active', 'true');
    await expect(model.activeChips).toHaveCount(1);
    await expect(model.row(trained.version).getByTestId('model-active-chip')).toBeVisible();
    await expect(model.activeBanner).toHaveAttribute('data-version', String(trained.version));
    expect((await app.api<ModelList>('model-list')).items.filter((m) => m.active).map((m) => m.version)).toEqual([trained.version]);

    // One risk signal (docs/product.md §4.4): with the model active, a queue row shows the level its card shows.
    await new AppShell(page).goTo('queue');
    const queue = new QueuePage(page);
    await queue.settled();
    const taskId = await queue.taskId(0);
    const rowLevel = await queue.risk(0).locator('[data-level]').getAttribute('data-level');
    const card = await app.api<{ found: true; signal: { level: string; model: { p: number | null } | null } }>('customer-lookup', { taskId });
    expect(rowLevel).toBe(card.signal.level);
    expect(card.signal.model).not.toBeNull();
    await queue.rowOfTask(taskId).click();
    await expect(queue.preview.getByTestId('card-risk')).toHaveAttribute('data-level', rowLevel!);
    await expect(queue.preview.getByTestId('risk-level')).toHaveAttribute('data-level', rowLevel!);
    await expect(queue.preview.getByTestId('model-p')).toBeVisible();
    await model.open();

    // Back to the rule score alone.
    await model.useRuleScoreOnly();
    await expect(model.activeBanner).toHaveAttribute('data-version', '');
    await expect(model.activeChips).toHaveCount(0);
    expect((await app.api<ModelList>('model-list')).items.filter((m) => m.active)).toEqual([]);
  });
});
