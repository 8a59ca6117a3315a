// The day a served page takes as "today" (period presets, the default year of an export): the server's clock, written
// into the page as it is served, so the sidebars and the server agree on the date (src/ui/shared/today.ts reads it).
import { isoDay } from '../core/dates';
import type { Clock } from '../core/ports';

/** The page's `<head>` gains `<meta name="ebppk-today" content="yyyy-mm-dd">` with the clock's day in the bank's zone. */
export const withToday = (html: string, clock: Clock): string => html.replace('<head>', `<head><meta name="ebppk-today" content="${isoDay(clock.now())}">`);
