// The spreadsheet form-submit event (e.namedValues, e.range) validated with zod and mapped to item keys.

import * as z from '../zod';
import { FORM_ITEMS } from './form-spec';
import { parseDate } from './normalize';
import type { FormResponse } from './process-responses';

export const FormSubmitEvent = z.object({
  namedValues: z.record(z.string(), z.array(z.unknown())),
  range: z.object({ getRow: z.custom<() => number>((f) => typeof f === 'function', 'range.getRow') }),
});
export type FormSubmitEvent = z.infer<typeof FormSubmitEvent>;

const TIMESTAMP = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;

/** «28.11.2026 20:15:03» (Russian-locale timestamp) → Date; null when unreadable. */
export const parseTimestamp = (s: string): Date | null => {
  const m = TIMESTAMP.exec(s.trim());
  if (!m) return parseDate(s);
  return new Date(Number(m[3]), Number(m[2]) - 1, Number(m[1]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0));
};

export const responseFromEvent = (e: FormSubmitEvent, now: Date): FormResponse => {
  const first = (title: string): string => {
    const v = e.namedValues[title];
    return Array.isArray(v) ? v.map((x) => String(x ?? '')).join(', ') : '';
  };
  const raw: Record<string, string> = {};
  for (const item of FORM_ITEMS) raw[item.key] = first(item.title);
  const ts = first('Отметка времени') || first('Timestamp');
  return { responseId: String(e.range.getRow()), submittedAt: parseTimestamp(ts) ?? now, raw };
};
