// The spreadsheet form-submit event (e.namedValues and the row of e.range) validated with zod and mapped to item keys.

import * as z from '../zod';
import { FORM_ITEMS } from './form-spec';
import { parseDate } from './normalize';
import type { FormResponse } from './process-responses';

/**
 * What the bank takes from the event. The row is read by the caller from the event's own Range *before* validation
 * (`rowOfEvent`): a service method called on zod's copy of the object fails in Apps Script.
 */
export const FormSubmitEvent = z.object({
  namedValues: z.record(z.string(), z.array(z.unknown())),
  row: z.number('range.getRow()').check(z.refine(Number.isInteger, 'range.getRow()'), z.gte(2, 'range.getRow()')),
});
export type FormSubmitEvent = z.infer<typeof FormSubmitEvent>;

/** The event's row, asked of its own Range object; undefined when the event has none (validation then says so). */
export const rowOfEvent = (e: unknown): unknown => {
  const range = (e as { range?: { getRow?: unknown } } | null | undefined)?.range;
  if (!range || typeof range.getRow !== 'function') return undefined;
  try {
    return (range as { getRow(): unknown }).getRow();
  } catch {
    return undefined;
  }
};

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
  return { responseId: String(e.row), submittedAt: parseTimestamp(ts) ?? now, raw };
};
