// Processes Form responses (from the trigger or the sweep): accept and route, or de-duplicate, or quarantine.
// At most once per response (the «Обработка ответов» log), under the script lock; a fixed number of calls per run.

import { ddmmyyyy } from '../dates';
import { formatApplicationId } from '../domain/application';
import { isActive, type Stage } from '../domain/lifecycle';
import { type BookStore, type Clock, inBatch, type Lock, type Properties, prefetch, type Table, type Workbook } from '../ports';
import { COURSES, JOURNAL, LEDGER, LETTER_TEMPLATES, QUARANTINE, RESPONSE_LOG, SETTINGS, STAGE_COUNTS, TERRITORIES } from '../sheets/master';
import type { Row } from '../sheets/spec';
import { admitApplications } from '../use-cases/admit-applications';
import { confirmationLetter, correctionLetter, duplicateLetter, type LetterDraft, prepareMail, queueMail } from '../use-cases/letters';
import { parseResponse } from './parse-response';

/**
 * Territories an application can go to: those with a workbook (a territory just added gets its workbook from the
 * owner's job). An application naming one without is quarantined with the reason, never half-admitted.
 */
const withBooks = (territories: readonly Row[]): Row[] => territories.filter((t) => String(t.workbookId ?? '') !== '');

export interface FormResponse {
  /** The response's row in «Ответы формы»: Google appends, the bank never edits, so the row is a stable id. */
  readonly responseId: string;
  readonly submittedAt: Date;
  /** Answers by item key (see FORM_ITEMS). */
  readonly raw: Readonly<Record<string, unknown>>;
}

export interface IntakeDeps {
  readonly master: Workbook;
  readonly books: BookStore;
  readonly clock: Clock;
  readonly properties: Properties;
  readonly lock: Lock;
}

export interface IntakeReport {
  readonly accepted: Array<{ responseId: string; applicationId: string }>;
  readonly quarantined: Array<{ responseId: string; reasons: string[] }>;
  readonly duplicates: Array<{ responseId: string; standing: string }>;
  readonly alreadyProcessed: number;
}

/** Quarantine keeps what was typed, cut to a length a cell holds (the full text stays in «Ответы формы»). */
const RAW_LIMIT = 2000;
const rawText = (v: unknown): string => {
  const s = Object.prototype.toString.call(v) === '[object Date]' ? ddmmyyyy(v as Date) : v === undefined || v === null ? '' : String(v);
  return s.length > RAW_LIMIT ? `${s.slice(0, RAW_LIMIT)}…` : s;
};

export const quarantineRow = (r: FormResponse, reasons: readonly string[]): Row => ({
  responseId: r.responseId,
  submittedAt: r.submittedAt,
  reasons: reasons.join('; '),
  lastName: rawText(r.raw.lastName),
  firstName: rawText(r.raw.firstName),
  middleName: rawText(r.raw.middleName),
  email: rawText(r.raw.email),
  phone: rawText(r.raw.phone),
  territory: rawText(r.raw.territory),
  organization: rawText(r.raw.organization),
  position: rawText(r.raw.position),
  course: rawText(r.raw.course),
  birthDate: rawText(r.raw.birthDate),
  sex: rawText(r.raw.sex),
  snils: rawText(r.raw.snils),
  educationLevel: rawText(r.raw.educationLevel),
  diplomaLastName: rawText(r.raw.diplomaLastName),
  consentVersion: rawText(r.raw.consent),
  consentAt: rawText(r.raw.consentAt),
});

const SEQ_KEY = (year: number) => `EBPPK_SEQ_${year}`;

/**
 * Reserves `n` application ids of the year; the counter is saved before any id is used, so none is ever reused.
 * Ids already in the ledger (a restored sheet, a counter reset) are skipped.
 */
export const reserveIds = (
  props: Properties,
  year: number,
  n: number,
  /** Which of these ids the ledger already holds (a restored sheet, a counter reset): one look-up per round. */
  taken: (ids: readonly string[]) => ReadonlySet<string> = () => new Set(),
): string[] => {
  if (n === 0) return [];
  let seq = Number(props.get(SEQ_KEY(year)) ?? '0');
  const ids: string[] = [];
  while (ids.length < n) {
    const next = Array.from({ length: n - ids.length }, () => formatApplicationId(year, ++seq));
    const used = taken(next);
    ids.push(...next.filter((id) => !used.has(id)));
  }
  props.set(SEQ_KEY(year), String(seq));
  return ids;
};

/** What deciding responses needs from the ledger: the records of these people, and which ids are taken. */
export interface LedgerLookups {
  /** The ledger's records whose person key is one of these. */
  people(personKeys: readonly string[]): readonly Row[];
  /** Which of these application ids the ledger holds. */
  taken(ids: readonly string[]): ReadonlySet<string>;
}

/** The ledger looked up, not read (issue 19): a search per question, then the rows found. */
export const ledgerLookups = (ledger: Table): LedgerLookups => ({
  people: (keys) => (keys.length ? ledger.find('personKey', keys).map((f) => f.row) : []),
  taken: (ids) => ledger.present(ids),
});

const emailOf = (raw: Readonly<Record<string, unknown>>): string => {
  const e = String(raw.email ?? '')
    .trim()
    .toLowerCase();
  return /^[^\s@=+]+@[^\s@]+\.[^\s@]+$/.test(e) && e.length < 200 ? e : '';
};

export interface Outcome {
  readonly responseId: string;
  readonly outcome: 'принята' | 'на проверке' | 'повтор';
  readonly applicationId: string;
  readonly note: string;
}

/**
 * The decision for a batch of responses, given the bank's state. Pure: `processResponses` and the quarantine
 * reprocessing apply it with their own writes.
 */
export const decideResponses = (
  responses: readonly FormResponse[],
  bank: { ledger: LedgerLookups; courses: readonly Row[]; territories: readonly Row[] },
  deps: { clock: Clock; properties: Properties },
) => {
  const now = deps.clock.now();
  const parsed = responses.map((r) => ({
    r,
    p: parseResponse(r.raw, { territories: bank.territories, courses: bank.courses, submittedAt: r.submittedAt, today: now }),
  }));
  // Only these people's records: duplicates are by person and course, and a resumed response is its person's too.
  const people = bank.ledger.people([...new Set(parsed.flatMap((x) => (x.p.ok ? [x.p.value.personKey] : [])))]);
  const active = new Map<string, Row>();
  for (const r of people) if (isActive(r.stage as Stage)) active.set(`${r.personKey}\u0000${r.course}`, r);
  const fresh = parsed.filter((x) => x.p.ok && !active.has(`${x.p.value.personKey}\u0000${x.p.value.applicant.course}`));
  // Two identical responses in one batch: the first stands.
  const seen = new Set<string>();
  const accepted = fresh.filter((x) => {
    if (!x.p.ok) return false;
    const k = `${x.p.value.personKey}\u0000${x.p.value.applicant.course}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  const ids = reserveIds(deps.properties, now.getFullYear(), accepted.length, bank.ledger.taken);
  const apps: Row[] = [];
  const outcomes: Outcome[] = [];
  const quarantine: Row[] = [];
  const letters: LetterDraft[] = [];
  const journal: Row[] = [];
  const courseOf = new Map(bank.courses.map((c) => [String(c.code), c]));
  const acceptedIds = new Map(accepted.map((x, i) => [x.r.responseId, ids[i]]));
  const standingByKey = new Map<string, Row>();
  for (const { r, p } of parsed) {
    if (!p.ok) {
      quarantine.push(quarantineRow(r, p.reasons));
      outcomes.push({ responseId: r.responseId, outcome: 'на проверке', applicationId: '', note: p.reasons.join('; ').slice(0, 1000) });
      const email = emailOf(r.raw);
      if (email) letters.push(correctionLetter(r.responseId, email, p.reasons));
      continue;
    }
    const key = `${p.value.personKey}\u0000${p.value.applicant.course}`;
    const id = acceptedIds.get(r.responseId);
    if (id) {
      const app: Row = { ...p.value.applicant, id, personKey: p.value.personKey, responseId: r.responseId, createdAt: r.submittedAt, group: '', reason: '' };
      apps.push(app);
      standingByKey.set(key, { ...app, stage: 'methodist' });
      outcomes.push({ responseId: r.responseId, outcome: 'принята', applicationId: id, note: '' });
      letters.push(confirmationLetter(app, courseOf.get(String(app.course))));
      continue;
    }
    const standing = (active.get(key) ?? standingByKey.get(key)) as Row;
    if (String(standing.responseId) === r.responseId) {
      // This very response was accepted by a run that stopped before logging it: finish placing it (the record
      // is rebuilt from the response itself: the ledger index holds only part of it).
      apps.push({
        ...p.value.applicant,
        id: standing.id,
        personKey: p.value.personKey,
        responseId: r.responseId,
        createdAt: r.submittedAt,
        group: '',
        reason: '',
      });
      outcomes.push({ responseId: r.responseId, outcome: 'принята', applicationId: String(standing.id), note: 'обработка завершена повторно' });
      continue;
    }
    outcomes.push({ responseId: r.responseId, outcome: 'повтор', applicationId: String(standing.id), note: `действует заявка ${standing.id}` });
    journal.push({
      at: now,
      actor: 'форма',
      action: 'повторная заявка',
      applicationId: standing.id,
      from: '',
      to: '',
      reason: `ответ формы ${r.responseId} не создал новую заявку`,
    });
    letters.push(duplicateLetter(r.responseId, String(p.value.applicant.email), standing));
  }
  // The ids of these people's records: a resumed response's application is in the ledger already.
  return { apps, outcomes, quarantine, letters, journal, inLedger: new Set(people.map((r) => String(r.id))) };
};

export const processResponses = (deps: IntakeDeps, responses: readonly FormResponse[]): IntakeReport =>
  deps.lock.withLock(() => {
    const log = deps.master.table(RESPONSE_LOG);
    const done = log.present(responses.map((r) => r.responseId));
    const todo = responses.filter((r) => !done.has(r.responseId));
    const report: IntakeReport = { accepted: [], quarantined: [], duplicates: [], alreadyProcessed: responses.length - todo.length };
    if (!todo.length) return report;
    // The small sheets an accepted response reads whole (its letter's templates and settings too), in one request.
    prefetch(deps.master, [COURSES, TERRITORIES, STAGE_COUNTS, LETTER_TEMPLATES, SETTINGS]);
    const ledger = ledgerLookups(deps.master.table(LEDGER));
    const courses = deps.master.table(COURSES).read();
    const territories = deps.master.table(TERRITORIES).read();
    const d = decideResponses(todo, { ledger, courses, territories: withBooks(territories) }, deps);
    // Letters and the quarantine first, the log last: a crash anywhere re-processes the response, and every
    // write on the way is idempotent (ids, letter ids, quarantine by response id).
    const quarantine = deps.master.table(QUARANTINE);
    const inQuarantine = quarantine.present(d.quarantine.map((q) => String(q.responseId)));
    quarantine.append(d.quarantine.filter((q) => !inQuarantine.has(String(q.responseId))));
    admitApplications({ master: deps.master, books: deps.books, clock: deps.clock, actor: 'форма' }, d.apps, {
      titles: new Map(courses.map((c) => [String(c.code), String(c.title)])),
      bookOf: new Map(territories.map((t) => [String(t.code), String(t.workbookId)])),
      ledgerIds: d.inLedger,
    });
    // The journal, the letters and the log together (one request in Apps Script), the letters looked up first.
    const mail = prepareMail(deps.master, d.letters, deps.clock);
    inBatch(deps.master, () => {
      deps.master.table(JOURNAL).append(d.journal);
      mail.write();
      log.append(d.outcomes.map((o) => ({ ...o, processedAt: deps.clock.now() })));
    });
    for (const o of d.outcomes) {
      if (o.outcome === 'принята') report.accepted.push({ responseId: o.responseId, applicationId: o.applicationId });
      else if (o.outcome === 'повтор') report.duplicates.push({ responseId: o.responseId, standing: o.applicationId });
      else report.quarantined.push({ responseId: o.responseId, reasons: o.note.split('; ') });
    }
    return report;
  });

export interface ReprocessReport {
  readonly accepted: number;
  readonly duplicates: number;
  readonly stillInvalid: number;
}

/** «Повторить обработку»: re-validates every row of «На проверке» as staff corrected it. */
export const reprocessQuarantine = (deps: IntakeDeps, actor: string): ReprocessReport =>
  deps.lock.withLock(() => {
    const quarantine = deps.master.table(QUARANTINE);
    const rows = quarantine.read();
    if (!rows.length) return { accepted: 0, duplicates: 0, stillInvalid: 0 };
    const responses: FormResponse[] = rows.map((q) => ({
      responseId: String(q.responseId),
      submittedAt: q.submittedAt instanceof Date ? q.submittedAt : deps.clock.now(),
      raw: { ...q, consent: q.consentVersion },
    }));
    const ledger = ledgerLookups(deps.master.table(LEDGER));
    const courses = deps.master.table(COURSES).read();
    const territories = deps.master.table(TERRITORIES).read();
    const d = decideResponses(responses, { ledger, courses, territories: withBooks(territories) }, deps);
    admitApplications({ master: deps.master, books: deps.books, clock: deps.clock, actor }, d.apps, {
      titles: new Map(courses.map((c) => [String(c.code), String(c.title)])),
      bookOf: new Map(territories.map((t) => [String(t.code), String(t.workbookId)])),
      ledgerIds: d.inLedger,
    });
    deps.master.table(JOURNAL).append(d.journal);
    queueMail(deps.master, d.letters, deps.clock);
    const log = deps.master.table(RESPONSE_LOG);
    const now = deps.clock.now();
    const logPatches = new Map(d.outcomes.map((o) => [o.responseId, { outcome: o.outcome, applicationId: o.applicationId, note: o.note, processedAt: now }]));
    const missing = log.updateByIds(logPatches);
    log.append(missing.map((id) => ({ responseId: id, ...(logPatches.get(id) as object) })));
    quarantine.updateByIds(new Map(d.quarantine.map((q) => [String(q.responseId), { reasons: q.reasons }])));
    quarantine.deleteByIds(d.outcomes.filter((o) => o.outcome !== 'на проверке').map((o) => o.responseId));
    return {
      accepted: d.outcomes.filter((o) => o.outcome === 'принята').length,
      duplicates: d.outcomes.filter((o) => o.outcome === 'повтор').length,
      stillInvalid: d.quarantine.length,
    };
  });
