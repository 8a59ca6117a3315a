// The calendar of the date-sensitive suites: `EBPPK_NOW` (`npm run test:calendar` runs them at a year-end, a 1 January
// and a summer day), else 28 November 2026, 10:00 in Perm. No test reads the machine's date: this is "now".
import { parseMoment } from '../src/adapters/clock';
import type { Clock } from '../src/core/ports';

/** The moment as written (passed on unchanged to a server started as its own process). */
export const NOW_SETTING = process.env.EBPPK_NOW || '2026-11-28T10:00';

const parsed = parseMoment(NOW_SETTING);
if (!parsed) throw new Error(`EBPPK_NOW: not a moment: ${NOW_SETTING}`);
/** "Now" for the suites that run on the calendar. */
export const TEST_NOW: Date = parsed;

/** The day `days` after TEST_NOW's local day, at `hour` local time. */
export const dayAfter = (days: number, hour = 0): Date => new Date(TEST_NOW.getFullYear(), TEST_NOW.getMonth(), TEST_NOW.getDate() + days, hour);

/** yyyy-mm-dd of `d` in local time, as the sidebars' date inputs take it. */
export const isoOf = (d: Date): string => `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/**
 * The bank's clock in a test: starts at `start` and moves one millisecond each time it is read, so what happens later
 * is stamped later whatever the machine's speed, and a test of a few thousand operations stays on its day.
 */
export class SteppingClock implements Clock {
  private t: number;
  constructor(start: Date = TEST_NOW) {
    this.t = start.getTime();
  }
  now(): Date {
    this.t += 1;
    return new Date(this.t);
  }
  /** Moves the clock to `d` (a test's "the course's first day comes"). */
  set(d: Date): void {
    this.t = d.getTime();
  }
}
