/**
 * Input that fails its schema is told in the user's language: zod words its problems in English at parse time, and
 * a Chinese CLI or screen printed "period.to：Invalid string: must match pattern /^\d{4}-\d{2}-\d{2}$/".
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { errorText } from '../../../core/api';
import { toApiError } from '../../../electron/backend/failure';

function problem(schema: z.ZodType, input: unknown): { zh: string; en: string } {
  const r = schema.safeParse(input);
  if (r.success) throw new Error('expected the input to fail');
  const error = toApiError(r.error);
  return { zh: errorText('zh-CN', error), en: errorText('en', error) };
}

describe('a schema problem is worded in the user’s language', () => {
  const period = z.object({ period: z.object({ from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }) });

  it('says a text does not have the form wanted', () => {
    const p = problem(period, { period: { from: '2026-12-01', to: 'x' } });
    expect(p.zh).toBe('period.to：格式不对');
    expect(p.en).toBe('period.to: not in the expected format');
  });

  it('says a value is missing, or of another kind', () => {
    expect(problem(z.object({ agentId: z.string() }), {}).zh).toBe('agentId：不能为空');
    expect(problem(z.object({ limit: z.number() }), { limit: 'ten' }).zh).toBe('limit：应为数字');
    expect(problem(z.object({ limit: z.number() }), { limit: 'ten' }).en).toBe('limit: should be a number');
    expect(problem(z.object({ names: z.array(z.string()) }), { names: 'a' }).zh).toBe('names：应为列表');
    expect(problem(z.object({ on: z.boolean() }), { on: 'yes' }).zh).toBe('on：应为 true 或 false');
  });

  it('says the bounds a value is outside', () => {
    expect(problem(z.object({ limit: z.number().int().min(1).max(500) }), { limit: 0 }).zh).toBe('limit：不能小于 1');
    expect(problem(z.object({ limit: z.number().int().min(1).max(500) }), { limit: 501 }).zh).toBe('limit：不能大于 500');
    expect(problem(z.object({ limit: z.number().int() }), { limit: 1.5 }).zh).toBe('limit：应为整数');
    expect(problem(z.object({ share: z.number().gt(0) }), { share: 0 }).zh).toBe('share：应大于 0');
    expect(problem(z.object({ title: z.string().min(1) }), { title: '' }).zh).toBe('title：不能为空');
    expect(problem(z.object({ title: z.string().min(2) }), { title: 'a' }).zh).toBe('title：至少 2 个字符');
    expect(problem(z.object({ title: z.string().max(40) }), { title: 'x'.repeat(41) }).zh).toBe('title：最多 40 个字符');
    expect(problem(z.object({ ids: z.array(z.string()).min(1) }), { ids: [] }).zh).toBe('ids：至少 1 项');
    expect(problem(z.object({ ids: z.array(z.string()).max(2) }), { ids: ['a', 'b', 'c'] }).en).toBe('ids: at most 2 items');
  });

  it('lists the values allowed, and the fields not known', () => {
    expect(problem(z.object({ kind: z.enum(['offers', 'plans']) }), { kind: 'x' }).zh).toBe('kind：应为以下之一：offers、plans');
    expect(problem(z.object({ kind: z.enum(['offers', 'plans']) }), { kind: 'x' }).en).toBe('kind: should be one of offers, plans');
    expect(problem(z.object({ a: z.string() }).strict(), { a: 'x', b: 1, c: 2 }).zh).toBe('input：不认识的字段：b、c');
  });

  it('counts the other problems', () => {
    expect(problem(z.object({ a: z.string(), b: z.number() }), {}).zh).toBe('a：不能为空（另有 1 处问题）');
  });
});
