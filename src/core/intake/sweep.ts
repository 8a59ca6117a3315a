// The sweep: processes every row of «Ответы формы» that has no entry in «Обработка ответов» (responses a trigger missed).
import { FORM_RESPONSES } from '../sheets/form-responses';
import { RESPONSE_LOG } from '../sheets/master';
import { type IntakeDeps, type IntakeReport, processResponses } from './process-responses';

/** Response ids are sheet rows: data row index 0 is sheet row 2. */
export const responseIdOfIndex = (index: number): string => String(index + 2);

export const sweepResponses = (deps: IntakeDeps): IntakeReport | null => {
  if (!deps.master.has(FORM_RESPONSES)) return null;
  const responses = deps.master.table(FORM_RESPONSES);
  const total = responses.count();
  const done = new Set(deps.master.table(RESPONSE_LOG).ids());
  // Nothing new: two narrow calls, whatever the number of responses.
  if (done.size >= total) return null;
  // Only the rows without a log entry are read (issue 19: the sweep of one missed response read the whole sheet): one read
  // per contiguous run of them; a blank row (Google leaves none, a person might) is no response.
  const unlogged: number[] = [];
  for (let i = 0; i < total; i++) if (!done.has(responseIdOfIndex(i))) unlogged.push(i);
  const missing = responses.readAt(unlogged).filter((f) => Object.values(f.row).some((v) => v !== '' && v !== false));
  if (!missing.length) return null;
  return processResponses(
    deps,
    missing.map((f) => ({
      responseId: responseIdOfIndex(f.index),
      submittedAt: f.row.submittedAt instanceof Date ? f.row.submittedAt : deps.clock.now(),
      raw: f.row,
    })),
  );
};
