// Statistics of a reporting period: one flat row per application (what the pivot tables read) and the blocks the
// sector reads first — the funnel per course, quotas per territory, the 1-ПК breakdown of completions.
import type { Stage } from '../domain/lifecycle';
import type { Row } from '../sheets/spec';
import { ageAt, ageBand, hoursBand, month, positionCategory } from './dimensions';

export interface Period {
  readonly from: Date;
  /** Inclusive. */
  readonly to: Date;
}

/** The ledger columns `statsRows` reads (issue 19: a refresh reads these, not all 28). */
export const STATS_LEDGER_KEYS = ['id', 'course', 'territory', 'stage', 'group', 'position', 'birthDate', 'sex', 'ageBand', 'createdAt', 'sentAt'] as const;
/** The archive columns `statsRows` reads: which application got a certificate, and when. */
export const STATS_ARCHIVE_KEYS = ['id', 'outcome', 'issueDate'] as const;

export interface StatsSources {
  /** Ledger rows (the master's and the yearly archives'): at least STATS_LEDGER_KEYS. */
  readonly ledger: readonly Row[];
  /** Archive rows (for issue dates): at least STATS_ARCHIVE_KEYS. */
  readonly archive: readonly Row[];
  readonly courses: readonly Row[];
  readonly territories: readonly Row[];
  readonly quotas: readonly Row[];
}

const inPeriod = (d: unknown, p: Period): boolean => d instanceof Date && d >= p.from && d < new Date(p.to.getFullYear(), p.to.getMonth(), p.to.getDate() + 1);

/** Stages reached by an application, from its current stage (the lifecycle only moves forward). */
const SENT: ReadonlySet<Stage> = new Set<Stage>(['provider', 'group', 'absent', 'expelled', 'completed']);
const GROUPED: ReadonlySet<Stage> = new Set<Stage>(['group', 'expelled', 'completed']);

export interface StatsRow extends Row {
  id: string;
  course: string;
  courseTitle: string;
  subdivision: string;
  territory: string;
  position: string;
  positionCategory: string;
  form: string;
  hoursBand: string;
  stage: string;
  submittedMonth: string;
  /** 1 when submitted in the period (the funnel), 0 otherwise. */
  submitted: number;
  sent: number;
  grouped: number;
  /** 1 when the certificate was issued in the period (completions, 1-ПК). */
  completed: number;
  completedMonth: string;
  rejected: number;
  waitlist: number;
  absent: number;
  withdrawn: number;
  expelled: number;
  sex: string;
  ageBand: string;
  programType: string;
  funding: string;
  distance: string;
  group: string;
}

/**
 * One row per application that was submitted in the period or completed in it (an application submitted in one
 * period and completed in the next counts as submitted in the first and completed in the second).
 */
export const statsRows = (s: StatsSources, p: Period, subdivision: string | null): StatsRow[] => {
  const courses = new Map(s.courses.map((c) => [String(c.code), c]));
  const names = new Map(s.territories.map((t) => [String(t.code), String(t.name)]));
  const issued = new Map(s.archive.filter((a) => a.outcome === 'completed').map((a) => [String(a.id), a]));
  const out: StatsRow[] = [];
  for (const a of s.ledger) {
    const c = courses.get(String(a.course));
    if (!c || (subdivision && c.subdivision !== subdivision)) continue;
    const stage = a.stage as Stage;
    const cert = issued.get(String(a.id));
    const submitted = inPeriod(a.createdAt, p) ? 1 : 0;
    const completed = stage === 'completed' && cert && inPeriod(cert.issueDate, p) ? 1 : 0;
    if (!submitted && !completed) continue;
    const f = (cond: boolean) => (submitted && cond ? 1 : 0);
    out.push({
      id: String(a.id),
      course: String(a.course),
      courseTitle: String(c.title),
      subdivision: String(c.subdivision),
      territory: names.get(String(a.territory)) ?? String(a.territory),
      position: String(a.position),
      positionCategory: positionCategory(String(a.position)),
      form: String(c.form),
      hoursBand: hoursBand(Number(c.hours)),
      stage,
      submittedMonth: a.createdAt instanceof Date ? month(a.createdAt) : '',
      submitted,
      // Sent on once is «направлено», whatever came later (withdrawn from the provider, a late decision undone).
      sent: f(SENT.has(stage) || a.sentAt instanceof Date),
      grouped: f(GROUPED.has(stage)),
      completed,
      completedMonth: completed && cert?.issueDate instanceof Date ? month(cert.issueDate) : '',
      rejected: f(stage === 'rejected'),
      waitlist: f(stage === 'waitlist'),
      absent: f(stage === 'absent'),
      withdrawn: f(stage === 'withdrawn'),
      expelled: f(stage === 'expelled'),
      sex: String(a.sex),
      // An anonymised row keeps its age band (counted for its own year) instead of the birth date.
      ageBand: a.birthDate instanceof Date ? ageBand(ageAt(a.birthDate, p.to)) : String(a.ageBand ?? ''),
      programType: 'повышение квалификации',
      funding: 'бюджет',
      distance: c.form === 'заочная с ДОТ' ? 'да' : 'нет',
      group: String(a.group ?? ''),
    });
  }
  return out;
};

export interface FunnelLine {
  readonly course: string;
  readonly title: string;
  readonly submitted: number;
  readonly sent: number;
  readonly grouped: number;
  readonly completed: number;
  readonly rejected: number;
  readonly waitlist: number;
  readonly absent: number;
  readonly rejectionRate: number;
  readonly noShowRate: number;
}

const rate = (n: number, d: number) => (d ? Math.round((n / d) * 1000) / 10 : 0);

export const funnel = (rows: readonly StatsRow[]): FunnelLine[] => {
  const by = new Map<string, StatsRow[]>();
  for (const r of rows) {
    const list = by.get(r.course);
    if (list) list.push(r);
    else by.set(r.course, [r]);
  }
  return [...by.entries()]
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([course, rs]) => {
      const sum = (k: keyof StatsRow) => rs.reduce((n, r) => n + Number(r[k]), 0);
      const submitted = sum('submitted');
      const sent = sum('sent');
      return {
        course,
        title: rs[0].courseTitle,
        submitted,
        sent,
        grouped: sum('grouped'),
        completed: sum('completed'),
        rejected: sum('rejected'),
        waitlist: sum('waitlist'),
        absent: sum('absent'),
        rejectionRate: rate(sum('rejected'), submitted),
        noShowRate: rate(sum('absent'), sent),
      };
    });
};

export interface QuotaLine {
  readonly territory: string;
  readonly given: number;
  readonly used: number;
}

/** Quota given vs used per territory, over the courses of the period's rows. */
export const quotaUse = (s: StatsSources, rows: readonly StatsRow[]): QuotaLine[] => {
  const courses = new Set(rows.map((r) => r.course));
  const names = new Map(s.territories.map((t) => [String(t.code), String(t.name)]));
  const given = new Map<string, number>();
  const withQuota = new Set<string>();
  s.quotas
    .filter((q) => courses.has(String(q.course)))
    .forEach((q) => {
      const name = names.get(String(q.territory)) ?? String(q.territory);
      given.set(name, (given.get(name) ?? 0) + Number(q.places));
      withQuota.add(`${q.course}\u0000${name}`);
    });
  // Used: applications sent on to courses that set this territory a quota.
  const used = new Map<string, number>();
  rows.forEach((r) => r.sent && withQuota.has(`${r.course}\u0000${r.territory}`) && used.set(r.territory, (used.get(r.territory) ?? 0) + 1));
  return [...given.entries()]
    .map(([territory, n]) => ({ territory, given: n, used: used.get(territory) ?? 0 }))
    .sort((a, b) => a.territory.localeCompare(b.territory, 'ru'));
};

/** The 1-ПК breakdowns of those who completed in the period. */
export const onePk = (
  rows: readonly StatsRow[],
): Record<'programType' | 'sex' | 'ageBand' | 'positionCategory' | 'funding' | 'distance', Record<string, number>> => {
  const done = rows.filter((r) => r.completed);
  const count = (k: 'programType' | 'sex' | 'ageBand' | 'positionCategory' | 'funding' | 'distance') => {
    const m: Record<string, number> = {};
    done.forEach((r) => (m[String(r[k])] = (m[String(r[k])] ?? 0) + 1));
    return m;
  };
  return {
    programType: count('programType'),
    sex: count('sex'),
    ageBand: count('ageBand'),
    positionCategory: count('positionCategory'),
    funding: count('funding'),
    distance: count('distance'),
  };
};
