// Work only the bank's owner can do, asked for by anyone and done by the owner's job. A sidebar call runs as the person
// who clicked: a leader cannot open the owner's Form, a sector member who does not own a workbook cannot share it. So
// such calls record that the work is due, and the time-driven job (installed by the owner, runs as the owner) does it.
import type { Properties } from '../ports';

/** Kinds of work only the owner can do; one script property holds a counter for each that is due. */
export const OWNER_WORK = {
  /** The Form's course list must follow «Курсы» (enrolment opened or closed, a course changed). */
  form: 'form',
  /** Sharing of the bank's files must follow «Доступ» (someone granted, revoked or moved; or the sector asked). */
  sharing: 'sharing',
  /** The sector asked to remove from the master every editor who is not sector staff (after cabinets, the migration). */
  masterSharing: 'masterSharing',
  /** A territory was added: its workbook is made (as the owner) and shared. */
  books: 'books',
  /** A subdivision was added: its cabinet is made (from the template, as the owner) and shared. */
  cabinets: 'cabinets',
  /** Groups' documents were asked for (their «Запрос документов» says which): PDFs belong to the owner. */
  documents: 'documents',
  /** A consent withdrawn from the sector's sidebar left applications in territory workbooks only the owner opens. */
  consent: 'consent',
} as const;
export type OwnerWork = keyof typeof OWNER_WORK;
export type Pending = Partial<Record<OwnerWork, number>> & {
  /** The day (yyyy-mm-dd) the job last did its once-a-day work (closing started courses' enrolment). */
  readonly day?: string;
};

const KEY = 'EBPPK_PENDING_WORK';

/** How long until the job does it, for the message the user sees. */
export const JOB_EVERY_MINUTES = 5;
export const NEXT_RUN = `при следующем запуске фонового задания (не позже чем через ${JOB_EVERY_MINUTES} минут)`;

/** What is due now: one property read (the idle job's whole cost here). */
export const pendingOwnerWork = (props: Properties): Pending => {
  try {
    const v = JSON.parse(props.get(KEY) || '{}') as unknown;
    return v && typeof v === 'object' ? (v as Pending) : {};
  } catch (_e) {
    // A hand-edited property: treat everything as due rather than lose a request.
    return { form: 1, sharing: 1, documents: 1 };
  }
};

/** Records that `what` is due. A counter, not a flag: a request made while the job works is not cleared with it. */
export const requestOwnerWork = (props: Properties, what: OwnerWork): void => {
  const p = pendingOwnerWork(props);
  props.set(KEY, JSON.stringify({ ...p, [what]: (p[what] ?? 0) + 1 }));
};

/** Records that the once-a-day work is done for `day` (in the same property: the idle job still reads one). */
export const markDayDone = (props: Properties, day: string): void => {
  props.set(KEY, JSON.stringify({ ...pendingOwnerWork(props), day }));
};

/**
 * The job's side: if `what` was due in `seen` (read once at the start of the run), does it and marks it done — unless
 * another request came in meanwhile, which stays due for the next run. A failure leaves it due (and is the caller's to
 * report). Returns whether it ran.
 */
export const doOwnerWork = (props: Properties, seen: Pending, what: OwnerWork, work: () => void): boolean => {
  const due = seen[what];
  if (!due) return false;
  work();
  const now = pendingOwnerWork(props);
  if (now[what] === due) {
    const { [what]: _done, ...rest } = now;
    props.set(KEY, JSON.stringify(rest));
  }
  return true;
};
