import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskMsisdn, maskName } from '../../../core/privacy/mask';
import { normalizeMsisdn } from '../../../core/worklist/msisdn';

describe('normalizeMsisdn', () => {
  it.each([
    ['13812346886', '13812346886'],
    [' 138 1234 6886 ', '13812346886'],
    ['138-1234-6886', '13812346886'],
    ['+86 138 1234 6886', '13812346886'],
    ['86-13812346886', '13812346886'],
    ['008613812346886', '13812346886'],
    ['１３８１２３４６８８６', '13812346886'],
    [13812346886, '13812346886'],
  ])('accepts %j', (input, expected) => {
    expect(normalizeMsisdn(input)).toEqual({ ok: true, msisdn: expected });
  });

  it.each([
    ['1.38888E+10', 'lost-digits'],
    ['1.38123E10', 'lost-digits'],
    ['', 'empty'],
    [null, 'empty'],
    ['1381234688', 'wrong-length'],
    ['23812346886', 'not-mobile'],
    ['abc', 'not-a-number'],
    [13812346886.5, 'not-a-number'],
  ])('refuses %j as %s', (input, problem) => {
    expect(normalizeMsisdn(input)).toEqual({ ok: false, problem });
  });

  it('round-trips every valid mobile number written with separators', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 9 }), fc.stringMatching(/^\d{9}$/), fc.constantFrom('', ' ', '-'), (second, rest, sep) => {
        const n = `1${second}${rest}`;
        const written = `${n.slice(0, 3)}${sep}${n.slice(3, 7)}${sep}${n.slice(7)}`;
        expect(normalizeMsisdn(written)).toEqual({ ok: true, msisdn: n });
      }),
    );
  });
});

describe('masking', () => {
  it('masks numbers as 138****6886', () => {
    expect(maskMsisdn('13812346886')).toBe('138****6886');
    expect(maskMsisdn(13812346886)).toBe('138****6886');
  });
  it('keeps only the surname of a Chinese name', () => {
    expect(maskName('吴敏')).toBe('吴*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('Li Wei')).toBe('L* W**');
    expect(maskName(null)).toBeNull();
  });
});
