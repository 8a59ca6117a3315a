// «Ответы формы»: Google's raw record of every response (the bank reads it, never edits it). Headers are the Form's
// item titles, as Google writes them when the Form's destination is the bank.
import { FORM_ITEMS } from '../intake/form-spec';
import { sheet } from './spec';

export const FORM_RESPONSES_NAME = 'Ответы формы';
/** Google's first column in a Russian-locale spreadsheet. */
export const TIMESTAMP_HEADER = 'Отметка времени';

export const FORM_RESPONSES = sheet({
  name: FORM_RESPONSES_NAME,
  columns: [
    { key: 'submittedAt', header: TIMESTAMP_HEADER, type: 'datetime' },
    ...FORM_ITEMS.map((i) => ({ key: i.key, header: i.title, type: i.kind === 'date' ? ('date' as const) : ('text' as const) })),
  ],
});
