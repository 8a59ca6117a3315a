// Every message a user can see is Russian (issue 18): a schema without its own message falls back to Russian words for
// sizes, never zod's type names («string», «array») or English.
import * as z from '../../src/core/zod';

const message = (schema: z.ZodMiniType, v: unknown) => {
  const r = schema.safeParse(v);
  return r.success ? '' : r.error.issues[0].message;
};

describe('zod messages', () => {
  it('length limits of text and lists are said in Russian without type names', () => {
    expect(message(z.string().check(z.maxLength(300)), 'я'.repeat(301))).toBe('Не длиннее 300 символов');
    expect(message(z.string().check(z.minLength(1)), '')).toBe('Заполните поле');
    expect(message(z.string().check(z.minLength(3)), 'ab')).toBe('Не короче 3 символов');
    expect(message(z.array(z.string()).check(z.maxLength(2)), ['a', 'b', 'c'])).toBe('Не больше 2 в списке');
    expect(message(z.array(z.string()).check(z.minLength(1)), [])).toBe('Выберите хотя бы одно значение');
  });

  it('other defaults come from zod’s Russian locale; a schema’s own message wins', () => {
    expect(message(z.number(), 'x')).toMatch(/[А-Яа-я]/);
    expect(message(z.number(), 'x')).not.toMatch(/\b(Invalid|expected|received)\b/);
    expect(message(z.string().check(z.maxLength(3, 'Своё сообщение')), 'abcd')).toBe('Своё сообщение');
  });
});
