// Normalising what teachers type: names in proper case, e-mail, phone +7XXXXXXXXXX, СНИЛС with its checksum, dates.

/** «иванова-петрова» → «Иванова-Петрова»; inner spaces collapsed. */
export const properCase = (s: string): string =>
  s
    .trim()
    .replace(/\s+/g, ' ')
    .toLowerCase()
    .replace(/(^|[\s\-'’])([a-zа-яё])/g, (_, sep: string, ch: string) => sep + ch.toUpperCase());

/** Any common Russian way of writing a mobile or landline number → +7XXXXXXXXXX, or null. */
export const normalizePhone = (s: string): string | null => {
  const digits = s.replace(/\D/g, '');
  if (digits.length === 11 && (digits[0] === '7' || digits[0] === '8')) return `+7${digits.slice(1)}`;
  if (digits.length === 10) return `+7${digits}`;
  return null;
};

/** The СНИЛС control number of the first nine digits (ПФР algorithm). */
export const snilsChecksum = (nine: string): number => {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(nine[i]) * (9 - i);
  if (sum < 100) return sum;
  if (sum === 100 || sum === 101) return 0;
  const r = sum % 101;
  return r === 100 ? 0 : r;
};

export type SnilsResult = { ok: true; value: string } | { ok: false; message: string };

/** «11223344595», «112-233-445 95» … → «112-233-445 95» with the checksum verified. */
export const normalizeSnils = (s: string): SnilsResult => {
  const digits = s.replace(/\D/g, '');
  if (digits.length !== 11) return { ok: false, message: 'СНИЛС: нужно 11 цифр, например 112-233-445 95' };
  const nine = digits.slice(0, 9);
  // Numbers up to 001-001-998 were issued without a meaningful checksum.
  if (Number(nine) > 1001998 && snilsChecksum(nine) !== Number(digits.slice(9)))
    return { ok: false, message: 'СНИЛС: контрольное число не сходится — проверьте цифры' };
  return { ok: true, value: `${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6, 9)} ${digits.slice(9)}` };
};

/** dd.mm.yyyy, yyyy-mm-dd or a Date → a local-midnight Date; null when it is not a real calendar date. */
export const parseDate = (v: unknown): Date | null => {
  if (Object.prototype.toString.call(v) === '[object Date]') {
    const d = v as Date;
    return Number.isNaN(d.getTime()) ? null : new Date(d.getFullYear(), d.getMonth(), d.getDate());
  }
  const s = String(v ?? '').trim();
  let y: number, m: number, d: number;
  const ru = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s);
  const iso = ru ? null : /^(\d{4})-(\d{2})-(\d{2})/.exec(s);
  if (ru) [d, m, y] = [Number(ru[1]), Number(ru[2]), Number(ru[3])];
  else if (iso) [y, m, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
  else return null;
  const date = new Date(y, m - 1, d);
  return date.getFullYear() === y && date.getMonth() === m - 1 && date.getDate() === d ? date : null;
};
