import { describe, expect, it } from 'vitest';
import { campaignDefinition } from '../../../../core/campaigns/campaign';
import { builtinCampaigns, workListNameFor } from '../../../../core/campaigns/defaults';
import { formatMessage, isMessageCode } from '../../../../core/i18n';

describe('the built-in campaigns', () => {
  it('are valid campaigns, off, with unique keys and names, each saying its source in both languages', () => {
    expect(builtinCampaigns).toHaveLength(15);
    expect(new Set(builtinCampaigns.map((b) => b.key)).size).toBe(builtinCampaigns.length);
    expect(new Set(builtinCampaigns.map((b) => b.name)).size).toBe(builtinCampaigns.length);
    for (const b of builtinCampaigns) {
      const parsed = campaignDefinition.safeParse({ ...b, segmentId: null, assignment: { kind: 'none' }, enabled: false });
      expect(parsed.success, `${b.key}: ${parsed.error?.message}`).toBe(true);
      expect(isMessageCode(b.source), b.source).toBe(true);
      expect(formatMessage('en', b.source)).not.toMatch(/[\u4e00-\u9fff]{4,}(?![^“]*”)/);
    }
  });
  it('cover the anti-poaching programme’s ten model lists and the VAS programme’s five strategies', () => {
    expect(builtinCampaigns.filter((b) => b.key.startsWith('antipoach.')).map((b) => b.key.slice(10))).toEqual([
      'weekly-anomaly', 'dual-sim', 'handset-change', 'plan-mismatch', 'family', 'data-heavy', 'data-anomaly', 'bill-spike', 'no-care', 'car-owner',
    ]);
    expect(builtinCampaigns.filter((b) => b.key.startsWith('vas.')).map((b) => b.key.slice(4))).toEqual([
      'trial-selection', 'trial-follow-up', 'direct', 'annual-expiring', 'monthly-to-annual',
    ]);
  });
});

describe('a work list’s name for its reader', () => {
  it('reads a built-in campaign’s list in English, with the suffix a run adds when the name was taken; other names as stored', () => {
    expect(workListNameFor('en', '双卡客户挽留')).toBe('Dual-SIM retention');
    expect(workListNameFor('en', '双卡客户挽留（活动）')).toBe('Dual-SIM retention (campaign)');
    expect(workListNameFor('zh-CN', '双卡客户挽留')).toBe('双卡客户挽留');
    // The central system's lists and names a supervisor typed are theirs.
    expect(workListNameFor('en', '2026-W49 周异动清单')).toBe('2026-W49 周异动清单');
    expect(workListNameFor('en', '双卡客户挽留 第二批')).toBe('双卡客户挽留 第二批');
    for (const b of builtinCampaigns) expect(workListNameFor('en', b.name)).toBe(b.nameEn);
  });
});
