// The patterns the Form and the local form check while a teacher types (issue 18) agree with what the bank accepts:
// nothing the bank would take is refused there, and they compile as RE2-style (u) and as HTML pattern (v) expressions.
import * as fc from 'fast-check';
import { FORM_ITEMS } from '../../../src/core/intake/form-spec';
import { normalizePhone, normalizeSnils } from '../../../src/core/intake/normalize';

const rule = (key: string, flags: string) => {
  const p = FORM_ITEMS.find((i) => i.key === key)?.pattern;
  if (!p) throw new Error(`no pattern on ${key}`);
  return new RegExp(`^(?:${p.regex})$`, flags);
};

const digits = (n: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
const sep = fc.constantFrom('', ' ', '-', ' - ');

describe('form patterns', () => {
  it.each(['u', 'v'])('compile with the %s flag (Forms RE2, HTML pattern)', (flags) => {
    for (const i of FORM_ITEMS.filter((x) => x.pattern)) expect(() => rule(i.key, flags)).not.toThrow();
  });

  it('a СНИЛС written any usual way passes; the pattern passes exactly 11 digits', () => {
    fc.assert(
      fc.property(digits(11), sep, sep, sep, (d, a, b, c) => {
        const typed = `${d.slice(0, 3)}${a}${d.slice(3, 6)}${b}${d.slice(6, 9)}${c}${d.slice(9)}`;
        expect(rule('snils', 'v').test(typed)).toBe(true);
      }),
    );
    for (const bad of ['123', '112-233-445 955', 'abc', '112-233-445 9X']) expect(rule('snils', 'v').test(bad)).toBe(false);
    expect(normalizeSnils('112 233 445 95')).toEqual({ ok: true, value: '112-233-445 95' });
  });

  it('every phone the bank normalises passes the pattern', () => {
    fc.assert(
      fc.property(fc.constantFrom('+7', '8', '7', ''), digits(10), fc.constantFrom('', ' ', '-'), fc.boolean(), (prefix, d, s, paren) => {
        const typed = `${prefix}${s}${paren ? `(${d.slice(0, 3)})` : d.slice(0, 3)}${s}${d.slice(3, 6)}${s}${d.slice(6, 8)}${s}${d.slice(8)}`;
        if (normalizePhone(typed)) expect(rule('phone', 'v').test(typed)).toBe(true);
      }),
    );
    for (const bad of ['12-34', 'телефон', '+7 902 123-45-67 доб. 5']) expect(rule('phone', 'v').test(bad)).toBe(false);
  });

  it('names: letters, space, hyphen, apostrophe, up to 100; never a formula', () => {
    const name = rule('lastName', 'v');
    for (const ok of ['Иванова-Петрова', "д'Артаньян", 'Ли', 'Смирнова ']) expect(name.test(ok)).toBe(true);
    for (const bad of ['=HYPERLINK("x")', '+7', 'Иван0ва', 'Я'.repeat(101), '-Иванов']) expect(name.test(bad)).toBe(false);
  });
});
