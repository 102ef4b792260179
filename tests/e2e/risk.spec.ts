import { levelText, unjudgedText } from '../../core/risk/messages';
import type { RiskLevel, UnjudgedGroup } from '../../core/risk/score';
import { expect, test } from './fixtures';
import { AppShell, HallPage, QueuePage } from './pages';

interface RiskView {
  score: number;
  level: RiskLevel;
  levelBy: 'score' | 'competitor-cs-calls';
  reasons: { code: string; params: Record<string, string | number>; points: number }[];
  unjudged: string[];
  tier: string | null;
  midHighValue: boolean | null;
  sensitivity: string | null;
  tags: { code: string; params: Record<string, string | number> }[];
}
/** The level shown (docs/product.md §4.4): the rule level and the model reconciled, or 数据不足. */
type Shown = RiskLevel | 'insufficient';
type Lookup = { found: true; risk: RiskView; signal: { level: Shown } } | { found: false };

const pointsText = (p: number) => (p > 0 ? `+${p}` : p < 0 ? `\u2212${-p}` : '0');

test.use({ viewport: { width: 1366, height: 768 } });

test.describe('risk on the card and in the queue', () => {
  test('the card leads with the level, score, reasons with their points, tags and what was not judged', async ({ page, app }) => {
    await new AppShell(page).open(app.openUrl);
    const hall = new HallPage(page);
    for (const number of app.demoNumbers(4)) {
      const api = await app.api<Lookup>('customer-lookup', { msisdn: number });
      if (!api.found) throw new Error(`demo number ${number} not found`);
      const { risk } = api;

      expect(await hall.lookup(number)).toBe('card');
      await expect(hall.riskLevel).toHaveAttribute('data-level', api.signal.level);
      await expect(hall.riskLevel).toHaveText(levelText('zh-CN', api.signal.level));
      await expect(hall.risk).toHaveAttribute('data-level', api.signal.level);
      await expect(hall.risk).toHaveAttribute('data-rule-level', risk.level);
      await expect(hall.riskScore).toHaveAttribute('data-score', String(risk.score));
      // Visible at 1366×768 straight after the look-up, without scrolling.
      await expect(hall.riskLevel).toBeInViewport({ ratio: 1 });
      await expect(hall.risk.getByTestId('risk-reasons')).toBeInViewport();

      expect(await hall.reasons()).toEqual(risk.reasons.map((r) => ({ code: r.code, points: r.points })));
      for (const [i, r] of risk.reasons.entries()) {
        if (r.points !== 0) await expect(hall.reasonPoints(i)).toHaveText(pointsText(r.points));
      }
      await expect(hall.riskLevelBy).toHaveCount(risk.levelBy === 'competitor-cs-calls' ? 1 : 0);

      const headerTags = new Set(['mid_high_value', risk.sensitivity ? `${risk.sensitivity}_sensitive` : '']);
      expect(await hall.tagCodes()).toEqual(risk.tags.filter((t) => !headerTags.has(t.code)).map((t) => t.code));
      await expect(hall.midHighValue).toHaveCount(risk.midHighValue ? 1 : 0);
      await expect(hall.tier).toHaveCount(risk.tier ? 1 : 0);
      if (risk.tier) await expect(hall.tier).toHaveAttribute('data-tier', risk.tier);
      await expect(hall.sensitivity).toHaveCount(risk.sensitivity ? 1 : 0);

      // One note for what could not be judged, driven by the backend's groups.
      await expect(hall.unjudgedNote).toHaveCount(risk.unjudged.length > 0 ? 1 : 0);
      for (const g of risk.unjudged) await expect(hall.unjudgedNote).toContainText(unjudgedText('zh-CN', g as UnjudgedGroup));
    }
  });

  test('the queue shows each task’s level, as the API has it', async ({ page, app }) => {
    const shell = new AppShell(page);
    await shell.open(app.openUrl);
    await shell.goTo('queue');
    const queue = new QueuePage(page);
    await queue.settled();
    const api = await app.api<{ items: { taskId: number; signal: { level: Shown } | null }[] }>('queue-list', { offset: 0, limit: 50 });
    await expect(queue.rows).toHaveCount(api.items.length);
    const levels = await queue.levels();
    expect(levels).toEqual(api.items.map((i) => i.signal?.level ?? ''));
    expect(levels.filter((l) => l !== '').length).toBeGreaterThan(0);
    const first = api.items[0]!;
    if (first.signal) await expect(queue.risk(0)).toContainText(levelText('zh-CN', first.signal.level));
  });

  test('the level word follows the UI language', async ({ page, app }) => {
    const shell = new AppShell(page);
    await shell.open(app.openUrl);
    const hall = new HallPage(page);
    const [number] = app.demoNumbers(1);
    const api = await app.api<Lookup>('customer-lookup', { msisdn: number });
    if (!api.found) throw new Error(`demo number ${number} not found`);
    const { level } = api.signal;

    expect(await hall.lookup(number!)).toBe('card');
    await expect(hall.riskLevel).toHaveText(levelText('zh-CN', level));
    await shell.switchLanguage('en');
    await expect(hall.riskLevel).toHaveText(levelText('en', level));
    expect(levelText('en', level)).not.toBe(levelText('zh-CN', level));
    await expect(hall.risk).toContainText('Churn risk');

    await shell.goTo('queue');
    const queue = new QueuePage(page);
    await queue.settled();
    const [firstLevel] = await queue.levels();
    if (firstLevel) await expect(queue.risk(0)).toContainText(levelText('en', firstLevel as Shown));
  });
});
