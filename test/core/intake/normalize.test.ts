import { normalizePhone, normalizeSnils, parseDate, properCase, snilsChecksum } from '../../../src/core/intake/normalize';

describe('normalisation', () => {
  it('writes names in proper case, double-barrelled ones too', () => {
    expect(properCase('  иВАНОВА-петрова   анна ')).toBe('Иванова-Петрова Анна');
    expect(properCase("д'артаньян")).toBe("Д'Артаньян");
  });

  it('brings every common phone spelling to +7XXXXXXXXXX', () => {
    for (const p of ['8 (902) 123-45-67', '+7 902 123 45 67', '79021234567', '9021234567']) expect(normalizePhone(p)).toBe('+79021234567');
    expect(normalizePhone('12345')).toBeNull();
    expect(normalizePhone('+1 202 555 0100 1')).toBeNull();
  });

  it('formats СНИЛС and verifies its checksum', () => {
    expect(snilsChecksum('112233445')).toBe(95);
    expect(normalizeSnils('11223344595')).toEqual({ ok: true, value: '112-233-445 95' });
    expect(normalizeSnils('112-233-445 96')).toEqual({ ok: false, message: 'СНИЛС: контрольное число не сходится — проверьте цифры' });
    expect(normalizeSnils('123')).toEqual({ ok: false, message: 'СНИЛС: нужно 11 цифр, например 112-233-445 95' });
  });

  it('reads dd.mm.yyyy and yyyy-mm-dd, and refuses impossible dates', () => {
    expect(parseDate('17.05.1990')?.getTime()).toBe(new Date(1990, 4, 17).getTime());
    expect(parseDate('1990-05-17')?.getTime()).toBe(new Date(1990, 4, 17).getTime());
    expect(parseDate('31.02.1990')).toBeNull();
    expect(parseDate('вчера')).toBeNull();
  });
});
