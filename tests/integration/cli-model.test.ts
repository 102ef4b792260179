import Database from 'better-sqlite3';
import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoWorkListSheet } from '../../core/demo/workbook';
import { writeWorkbook } from '../../core/exchange/write';
import { demoWorkspaceForCli, runCliOn } from '../support/cli';

/** `train` and `explain` say what they did in the CLI's language: Chinese, or English with --lang en (both were English only). */
describe('CLI train and explain', () => {
  const { db, tmp } = demoWorkspaceForCli();
  const run = (args: string[]) => runCliOn(db, args);
  const history = tmp.file('history.xlsx');
  let msisdn = '';
  beforeAll(() => {
    const sheet = demoWorkListSheet({ seed: 41, count: 800, today: '2026-11-23', withLabels: true });
    fs.writeFileSync(history, writeWorkbook([{ name: '历史', header: sheet.header, rows: sheet.rows }], 'xlsx'));
    const d = new Database(db, { readonly: true });
    msisdn = String(d.prepare('SELECT msisdn FROM subscribers ORDER BY msisdn LIMIT 1').pluck().get());
    d.close();
  });

  it('train: the model, its holdout and cross-validated AUC and the methods compared, in Chinese; in English with --lang en', async () => {
    // Two trainings, not three (each takes seconds): the Chinese one activates its model, the English one does not.
    const zh = await run(['train', history, '--activate']);
    expect(zh.err).toBe('');
    expect(zh.code).toBe(0);
    const lines = zh.out.split('\n');
    expect(lines[0]).toMatch(/^模型 v1（(逻辑回归|梯度提升树|混合（梯度提升树 \+ 逻辑回归）)）训练完成：带标签数据 \d+ 行（其中离网 \d+ 行）。$/u);
    expect(lines[1]).toMatch(/^留出集（\d+ 行，训练时从未用过）：ROC AUC 0\.\d{3}，前10%提升度 \d+\.\d{2}$/u);
    expect(lines[2]).toMatch(/^交叉验证 AUC 0\.\d{3} ± 0\.\d{3}（5 折，训练数据 \d+ 行）$/u);
    expect(zh.out).toMatch(/^ {2}逻辑回归 +交叉验证 AUC 0\.\d{3} ± 0\.\d{3} +留出集 AUC 0\.\d{3}$/mu);
    expect(lines.at(-1)).toBe('v1 已启用，风险已重新计算。');
    expect(zh.out).not.toMatch(/trained|Holdout|Cross-validated/);

    const en = await run(['train', history, '--lang', 'en']);
    expect(en.err).toBe('');
    expect(en.code).toBe(0);
    const enLines = en.out.split('\n');
    expect(enLines[0]).toMatch(/^Model v2 \((logistic|gbdt|blend)\) trained on \d+ labelled rows \(\d+ churned\)\.$/);
    expect(enLines[1]).toMatch(/^Holdout \(\d+ rows never seen in training\): ROC AUC 0\.\d{3}, top-decile lift \d+\.\d{2}$/);
    expect(enLines[2]).toMatch(/^Cross-validated AUC 0\.\d{3} ± 0\.\d{3} \(5 folds on \d+ training rows\)$/);
    expect(en.out).toMatch(/^ {2}logistic +CV AUC 0\.\d{3} ± 0\.\d{3} +holdout AUC 0\.\d{3}$/m);
    expect(enLines.at(-1)).toBe(`Activate it with: retention-desk call model-activate '{"version":2}'`);
  }, 120_000);

  it('explain: the level, the rule reasons and the model, in Chinese; in English with --lang en', async () => {
    const zh = await run(['explain', msisdn]);
    expect(zh.err).toBe('');
    expect(zh.code).toBe(0);
    const masked = `${msisdn.slice(0, 3)}****${msisdn.slice(7)}`;
    expect(zh.out.split('\n')[0]).toMatch(new RegExp(`^${masked.replace(/\*/g, '\\*')}：\\S+（规则：\\S+，评分 -?\\d+；模型 (\\d+\\.\\d%|未计入)）$`, 'u'));
    expect(zh.out).toMatch(/^模型 v1：离网概率 \d+\.\d%$/mu);
    expect(zh.out).not.toMatch(/rules|score|Model|P\(churn\)|not judged|tags/);

    const en = await run(['explain', msisdn, '--lang', 'en']);
    expect(en.code).toBe(0);
    expect(en.out.split('\n')[0]).toMatch(new RegExp(`^${masked.replace(/\*/g, '\\*')}: .+ \\(rules: .+, score -?\\d+; model (\\d+\\.\\d%|not counted)\\)$`));
    expect(en.out).toMatch(/^Model v1: P\(churn\) \d+\.\d%$/m);
  });

  it('explain: a number not in the workspace, and one that is not a mobile number, in the CLI language', async () => {
    expect(await run(['explain', '13900000000'])).toMatchObject({ code: 1, err: '本工作区没有 139****0000 这位客户。' });
    expect(await run(['explain', '13900000000', '--lang', 'en'])).toMatchObject({ code: 1, err: '139****0000 is not in this workspace.' });
    expect(await run(['explain', '12345'])).toMatchObject({ code: 1, err: '12345 不是手机号码。' });
    expect(await run(['explain', '12345', '--lang', 'en'])).toMatchObject({ code: 1, err: '12345 is not a mobile number.' });
  });
});
