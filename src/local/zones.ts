// Wall clocks of IANA time zones (Google's spreadsheets keep dates as the wall clock in their own zone), from Intl:
// whatever zone the computer running the bank or the command line is in.

/** Minutes east of UTC of an IANA zone at an instant (what Intl says the wall clock there is). */
export const offsetMinutes = (at: number, timeZone: string): number => {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(new Date(at));
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  return (Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second')) - Math.floor(at / 1000) * 1000) / 60000;
};

/**
 * A date cell of a file Google exported: the serial number is the wall clock in the spreadsheet's time zone, which
 * exceljs hands over as that wall clock in UTC. Back to the instant: the wall clock less the zone's offset then (asked
 * twice, so a day the offset changes lands right).
 */
export const fromZoneWallClock = (asUtc: Date, timeZone: string): Date => {
  const wall = asUtc.getTime();
  const first = wall - offsetMinutes(wall, timeZone) * 60000;
  return new Date(wall - offsetMinutes(first, timeZone) * 60000);
};

/** The wall clock of `d` in `timeZone`, as milliseconds of that wall clock read as UTC (a spreadsheet's serial). */
export const zoneWallClock = (d: Date, timeZone: string): number => d.getTime() + offsetMinutes(d.getTime(), timeZone) * 60000;
