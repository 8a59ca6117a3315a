// A reporting period as the sidebars send it (ISO dates), optionally narrowed to one subdivision.
import * as z from '../zod';

const isoDay = (what: string) => z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, what));

export const PeriodInput = z.strictObject({
  from: isoDay('дата начала периода'),
  to: isoDay('дата конца периода'),
  subdivision: z._default(z.string().check(z.maxLength(30)), ''),
});
export type PeriodInput = z.infer<typeof PeriodInput>;
