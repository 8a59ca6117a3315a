// The clock adapter: the moment `--now` / EBPPK_NOW name, and a clock that starts there and runs on. The one test that
// may look at the machine's clock (to show the default is it).
import { clockFrom, clockOf, parseMoment, systemClock } from '../../src/adapters/clock';

describe('the bank’s clock outside Apps Script', () => {
  it('reads a moment as Perm time unless it names its zone', () => {
    expect(parseMoment('2026-12-31T23:30')?.toISOString()).toBe('2026-12-31T18:30:00.000Z');
    expect(parseMoment('2026-12-31 23:30:15')?.toISOString()).toBe('2026-12-31T18:30:15.000Z');
    // A date alone is the start of a working day in Perm.
    expect(parseMoment('2027-01-01')?.toISOString()).toBe('2027-01-01T05:00:00.000Z');
    expect(parseMoment('2027-07-15T10:00+03:00')?.toISOString()).toBe('2027-07-15T07:00:00.000Z');
    expect(parseMoment('2027-07-15T10:00Z')?.toISOString()).toBe('2027-07-15T10:00:00.000Z');
  });

  it('refuses what is not a moment, and days the calendar does not have', () => {
    for (const bad of ['', 'завтра', '31.12.2026', '2026-02-31', '2026-13-01', '2026-12-31T25:00', '2026-12-31T23:30+5']) expect(parseMoment(bad)).toBeNull();
    expect(() => clockOf('31.12.2026')).toThrow('Не удалось прочитать момент «31.12.2026» (--now или EBPPK_NOW)');
  });

  it('starts at the moment and runs on with the time that passes', () => {
    let elapsed = 1000;
    const clock = clockFrom(new Date('2026-12-31T18:30:00Z'), () => elapsed);
    expect(clock.now().toISOString()).toBe('2026-12-31T18:30:00.000Z');
    elapsed += 45 * 60_000;
    expect(clock.now().toISOString()).toBe('2026-12-31T19:15:00.000Z');
    expect(clockOf('2027-07-15T10:00').now().getTime()).toBeGreaterThanOrEqual(Date.parse('2027-07-15T05:00:00Z'));
  });

  it('is the machine’s clock when nothing is set', () => {
    expect(clockOf(undefined)).toBe(systemClock);
    expect(clockOf('  ')).toBe(systemClock);
    const before = Date.now();
    const now = systemClock.now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});
