// How the bank writes a day: dd.mm.yyyy for people (ru_RU), yyyy-mm-dd for the sidebars' date inputs. Local time.
const two = (n: number): string => String(n).padStart(2, '0');

/** 05.09.2026 */
export const ddmmyyyy = (d: Date): string => `${two(d.getDate())}.${two(d.getMonth() + 1)}.${d.getFullYear()}`;

/** 2026-09-05: the local day (toISOString would give the previous day in Perm before 05:00). */
export const isoDay = (d: Date): string => `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;

/** A cell shown as a day: a date as dd.mm.yyyy, anything else as its text. */
export const showDay = (v: unknown): string => (v instanceof Date ? ddmmyyyy(v) : String(v ?? ''));
