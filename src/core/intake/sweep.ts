// The sweep: processes every row of «Ответы формы» that has no entry in «Обработка ответов» (responses a trigger missed).
import { FORM_RESPONSES } from '../sheets/form-responses';
import { RESPONSE_LOG } from '../sheets/master';
import { type IntakeDeps, type IntakeReport, processResponses } from './process-responses';

/** Response ids are sheet rows: data row index 0 is sheet row 2. */
export const responseIdOfIndex = (index: number): string => String(index + 2);

/**
 * The sweep's cursor (script property): every response above this data row index is logged. Responses are only ever
 * appended, so the rows to look at are the ones from the cursor on (issue 19: the log was read whole at every run).
 */
export const SWEEP_CURSOR = 'EBPPK_SWEEP_CURSOR';

/** More rows than this after the cursor (the first run, a backlog): the log's id column is read once instead. */
const SEARCH_MAX = 300;

export const sweepResponses = (deps: IntakeDeps): IntakeReport | null => {
  if (!deps.master.has(FORM_RESPONSES)) return null;
  const responses = deps.master.table(FORM_RESPONSES);
  const total = responses.count();
  const saved = Number(deps.properties.get(SWEEP_CURSOR) ?? '0');
  const cursor = Number.isInteger(saved) && saved >= 0 && saved <= total ? saved : 0;
  // Nothing after the cursor: one narrow call and a property, whatever the number of responses.
  if (cursor >= total) return null;
  const candidates: number[] = [];
  for (let i = cursor; i < total; i++) candidates.push(i);
  const log = deps.master.table(RESPONSE_LOG);
  const ids = candidates.map(responseIdOfIndex);
  const done = candidates.length > SEARCH_MAX ? new Set(log.ids()) : log.present(ids);
  // Only the rows without a log entry are read: one read per contiguous run of them; a blank row (Google leaves none, a
  // person might) is no response.
  const unlogged = candidates.filter((i) => !done.has(responseIdOfIndex(i)));
  const missing = responses.readAt(unlogged).filter((f) => Object.values(f.row).some((v) => v !== '' && v !== false));
  // Every row before the first missing response is logged (or blank): the next sweep starts there. A run that fails
  // below leaves those rows unlogged and the cursor at or before them, so nothing is skipped.
  const next = missing.length ? Math.min(...missing.map((f) => f.index)) : total;
  if (next !== saved) deps.properties.set(SWEEP_CURSOR, String(next));
  if (!missing.length) return null;
  const report = processResponses(
    deps,
    missing.map((f) => ({
      responseId: responseIdOfIndex(f.index),
      submittedAt: f.row.submittedAt instanceof Date ? f.row.submittedAt : deps.clock.now(),
      raw: f.row,
    })),
  );
  // Every response it was given is logged now (accepted, to check or a duplicate): the next sweep starts after them.
  deps.properties.set(SWEEP_CURSOR, String(total));
  return report;
};
