import { describe, expect, it } from 'vitest';
import { reportFilterWords } from '../../../core/report/workbook';

// The dashboard's level filter is the rule level (规则等级, the tasks' subscriber_scores.level), as its label and the
// 任务明细 column say; 风险等级 is the level the card shows (the higher of the rule's and the model's), another thing.
describe('reportFilterWords', () => {
  it('names the level filter as the dashboard labels it: 规则等级 / rule level', () => {
    expect(reportFilterWords({ level: 'high' }, 'zh-CN')).toBe('规则等级：高危');
    expect(reportFilterWords({ agentId: 'A001', level: 'medium' }, 'zh-CN')).toBe('负责坐席：A001 · 规则等级：中危');
    expect(reportFilterWords({ level: 'high' }, 'en')).toMatch(/^rule level: /u);
  });
  it('is null without a filter', () => {
    expect(reportFilterWords({}, 'zh-CN')).toBeNull();
  });
});
