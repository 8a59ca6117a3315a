// «Журнал»: one row per thing the bank did that is not an application's own transition (those come from moves).
import type { Workbook } from '../ports';
import { JOURNAL } from '../sheets/master';

export interface JournalNote {
  readonly at: Date;
  /** An e-mail, «банк», «форма» or «методист: <территория>». */
  readonly actor: string;
  readonly action: string;
  readonly reason: string;
  readonly applicationId?: string;
  readonly from?: string;
  readonly to?: string;
}

/** The longest text a cell takes is 50,000 characters; a journal reason stays well under it. */
const MAX_REASON = 45000;

/** Appends one note to «Журнал» (one write). */
export const journal = (master: Workbook, note: JournalNote): void =>
  master.table(JOURNAL).append([{ applicationId: '', from: '', to: '', ...note, reason: note.reason.slice(0, MAX_REASON) }]);
