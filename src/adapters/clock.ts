// The bank's clock outside Apps Script: the machine's, or one that starts at a moment a person (or a test) chose.
// `EBPPK_NOW` / `--now` set that moment for the local bank, its job and the pages it serves, so a demonstration or a
// test sees the same calendar on any day.
import type { Clock } from '../core/ports';

export const systemClock: Clock = { now: () => new Date() };

/** Perm's offset from UTC: Russia keeps no summer time since 2014, so the bank's zone is a fixed +05:00. */
const PERM_OFFSET = '+05:00';

/**
 * Reads a moment written as people write it: `2026-12-31T23:30` (Perm time), `2026-12-31` (10:00 Perm time, the start
 * of a working day), or with an explicit offset (`…+03:00`, `…Z`). Returns null for anything else, or an impossible
 * date (31 February).
 */
export const parseMoment = (text: string): Date | null => {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?(Z|[+-]\d{2}:\d{2})?$/.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h = '10', mi = '00', s = '00', zone = PERM_OFFSET] = m;
  const at = new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}${zone}`);
  if (Number.isNaN(at.getTime())) return null;
  // The calendar day must exist as written: JavaScript rolls 2026-02-31 over to 3 March.
  const offsetMin = zone === 'Z' ? 0 : (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(4)));
  const wall = new Date(at.getTime() + offsetMin * 60_000);
  if (wall.getUTCFullYear() !== Number(y) || wall.getUTCMonth() + 1 !== Number(mo) || wall.getUTCDate() !== Number(d)) return null;
  return at;
};

/**
 * A clock that reads `start` now and runs on as time passes (measured on the process's monotonic clock, so changing the
 * machine's date does not move it). `elapsedMs` is injectable for its own test.
 */
export const clockFrom = (start: Date, elapsedMs: () => number = () => performance.now()): Clock => {
  const t0 = elapsedMs();
  return { now: () => new Date(start.getTime() + (elapsedMs() - t0)) };
};

/** The clock `EBPPK_NOW` or `--now` asks for (the machine's when unset); a moment it cannot read is an error in Russian. */
export const clockOf = (setting: string | undefined): Clock => {
  if (setting === undefined || setting.trim() === '') return systemClock;
  const start = parseMoment(setting);
  if (!start)
    throw new Error(
      `Не удалось прочитать момент «${setting}» (--now или EBPPK_NOW): укажите дату и время по Перми в виде 2026-12-31T23:30 или дату 2026-12-31.`,
    );
  return clockFrom(start);
};
