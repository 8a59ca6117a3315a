// Refreshing the period's statistics: one read per source sheet (the master's and every yearly archive's), one write
// of the hidden data sheet, then the report (pivot tables and charts in Apps Script) through the publisher port.

import { ddmmyyyy } from '../dates';
import { PeriodInput } from '../domain/period';
import { parseDate } from '../intake/normalize';
import type { BookStore, Clock, Lock, Workbook } from '../ports';
import { err, ok, type Result } from '../result';
import { ARCHIVE, COURSES, LEDGER, QUOTAS, SETTINGS, TERRITORIES } from '../sheets/master';
import type { Row } from '../sheets/spec';
import { buildReport, PIVOT_DATA, pivotRows, type Report } from '../stats/report';
import {
  type FunnelLine,
  funnel,
  onePk,
  type Period,
  type QuotaLine,
  quotaUse,
  STATS_ARCHIVE_KEYS,
  STATS_LEDGER_KEYS,
  type StatsSources,
  statsRows,
} from '../stats/statistics';
import { courseScope } from './courses';
import type { CurrentUser } from './current-user';
import { journal } from './journal';
import { setSetting } from './settings';

/** The arguments: a period (and subdivision) — the same shape as every period-based action. */
export const StatsInput = PeriodInput;
export type StatsInput = PeriodInput;

/** Lays the report out in the bank (Apps Script: «Статистика» with pivot tables over the data sheet). */
export interface StatsPublisher {
  publish(report: Report, dataRows: number): void;
}

export interface StatsDeps {
  readonly master: Workbook;
  readonly books: BookStore;
  readonly clock: Clock;
  readonly lock: Lock;
}

/** Every source: the master's ledger and archive, plus those of each yearly archive spreadsheet («archive.<год>»). */
export const statsSources = (master: Workbook, books: BookStore): StatsSources => {
  // Only the columns statistics use (a read per block of neighbouring ones): 10 of the ledger's 28, 3 of the archive's.
  const ledger: Row[] = master.table(LEDGER).readColumns(STATS_LEDGER_KEYS);
  const archive: Row[] = master.table(ARCHIVE).readColumns(STATS_ARCHIVE_KEYS);
  for (const s of master.table(SETTINGS).read()) {
    if (!/^archive\.\d{4}$/.test(String(s.key)) || !s.value) continue;
    const book = books.open(String(s.value));
    ledger.push(...book.table(LEDGER).readColumns(STATS_LEDGER_KEYS));
    archive.push(...book.table(ARCHIVE).readColumns(STATS_ARCHIVE_KEYS));
  }
  return { ledger, archive, courses: master.table(COURSES).read(), territories: master.table(TERRITORIES).read(), quotas: master.table(QUOTAS).read() };
};

export interface Figures {
  readonly period: string;
  readonly subdivision: string;
  readonly funnel: FunnelLine[];
  readonly quotas: QuotaLine[];
  readonly onePk: ReturnType<typeof onePk>;
  readonly totals: { submitted: number; grouped: number; completed: number };
}

const period = (input: StatsInput): Result<Period, string> => {
  const from = parseDate(input.from);
  const to = parseDate(input.to);
  if (!from || !to || to < from) return err('Укажите период: дата начала не позже даты конца.');
  return ok({ from, to });
};

export const computeStatistics = (master: Workbook, books: BookStore, user: CurrentUser, input: StatsInput) => {
  const p = period(input);
  if (!p.ok) return p;
  const scope = courseScope(user) ?? (input.subdivision.trim() || null);
  const sources = statsSources(master, books);
  const rows = statsRows(sources, p.value, scope);
  const figures: Figures = {
    period: `${ddmmyyyy(p.value.from)}–${ddmmyyyy(p.value.to)}`,
    subdivision: scope ?? 'все подразделения',
    funnel: funnel(rows),
    quotas: quotaUse(sources, rows),
    onePk: onePk(rows),
    totals: {
      submitted: rows.reduce((n, r) => n + r.submitted, 0),
      grouped: rows.reduce((n, r) => n + r.grouped, 0),
      completed: rows.reduce((n, r) => n + r.completed, 0),
    },
  };
  return ok({ rows, figures });
};

/** «Обновить статистику» (sector): rebuilds the data sheet and «Статистика». */
export const refreshStatistics = (
  deps: StatsDeps & { publisher: StatsPublisher },
  user: CurrentUser,
  input: StatsInput,
): Result<Figures & { rows: number }, string> =>
  deps.lock.withLock(() => {
    const c = computeStatistics(deps.master, deps.books, user, input);
    if (!c.ok) return c;
    const { rows, figures } = c.value;
    deps.master.ensure(PIVOT_DATA);
    const data = pivotRows(rows);
    deps.master.table(PIVOT_DATA).replaceAll(data);
    const now = deps.clock.now();
    const report = buildReport(
      [
        ['Период', figures.period],
        ['Подразделение', figures.subdivision],
        ['Обновлено', `${ddmmyyyy(now)} ${String(now.getHours()).padStart(2, '0')}:${String(now.getMinutes()).padStart(2, '0')}`],
        ['Подано заявок', String(figures.totals.submitted)],
        ['Зачислено в группы', String(figures.totals.grouped)],
        ['Завершили обучение', String(figures.totals.completed)],
      ],
      figures.funnel,
      figures.quotas,
      rows,
    );
    deps.publisher.publish(report, data.length);
    // The sector's monthly duty (issue 17) is done once the statistics are refreshed in the month.
    setSetting(deps.master.table(SETTINGS), 'statsRefreshedAt', now.toISOString());
    journal(deps.master, {
      at: now,
      actor: user.email,
      action: 'статистика обновлена',
      reason: `${figures.period}, ${figures.subdivision}: строк ${rows.length}`,
    });
    return ok({ ...figures, rows: rows.length });
  });

/** The report's figures as rows of a sheet (the cabinet's «Статистика за период»): one figure per row, in words. */
const FUNNEL_MEASURES: ReadonlyArray<[keyof Omit<FunnelLine, 'course' | 'title'>, string]> = [
  ['submitted', 'подано заявок'],
  ['sent', 'направлено поставщику'],
  ['grouped', 'зачислено'],
  ['completed', 'завершили'],
  ['rejected', 'отклонено'],
  ['waitlist', 'в листе ожидания'],
  ['absent', 'не явились'],
  ['rejectionRate', 'доля отклонённых, %'],
  ['noShowRate', 'доля неявки, %'],
];
const TOTALS: ReadonlyArray<[keyof Figures['totals'], string]> = [
  ['submitted', 'подано заявок'],
  ['grouped', 'зачислено в группы'],
  ['completed', 'завершили обучение'],
];
const ONE_PK: ReadonlyArray<[keyof Figures['onePk'], string]> = [
  ['programType', '1-ПК: вид программы'],
  ['sex', '1-ПК: пол'],
  ['ageBand', '1-ПК: возраст'],
  ['positionCategory', '1-ПК: категория должности'],
  ['funding', '1-ПК: финансирование'],
  ['distance', '1-ПК: с ДОТ'],
];

/** `asked`: who asked for the report and when, in words (shown beside the period). */
export const figuresRows = (f: Figures, asked: string): Row[] => {
  const row = (sectionKey: string, section: string, item: string, label: string, measureKey: string, measure: string, value: string | number): Row => ({
    section,
    item,
    label,
    measure,
    value: String(value),
    sectionKey,
    measureKey,
  });
  return [
    row('about', 'Отчёт', '', '', 'period', 'период', f.period),
    row('about', 'Отчёт', '', '', 'subdivision', 'подразделение', f.subdivision),
    row('about', 'Отчёт', '', '', 'asked', 'запрошен', asked),
    ...TOTALS.map(([k, m]) => row('totals', 'Итого', '', '', k, m, f.totals[k])),
    ...f.funnel.flatMap((l) => FUNNEL_MEASURES.map(([k, m]) => row('funnel', 'Воронка по курсам', l.course, l.title, k, m, l[k]))),
    ...f.quotas.flatMap((q) => [
      row('quotas', 'Квоты', q.territory, '', 'given', 'выделено мест', q.given),
      row('quotas', 'Квоты', q.territory, '', 'used', 'использовано', q.used),
    ]),
    ...ONE_PK.flatMap(([k, section]) => Object.entries(f.onePk[k]).map(([item, n]) => row(`onePk.${k}`, section, item, '', 'count', 'завершили', n))),
  ];
};

/** The figures back from those rows (null when the sheet holds no report), and who asked for them. */
export const figuresOf = (rows: readonly Row[]): { figures: Figures; asked: string } | null => {
  const at = (sectionKey: string) => rows.filter((r) => r.sectionKey === sectionKey);
  const about = new Map(at('about').map((r) => [String(r.measureKey), String(r.value)]));
  if (!about.has('period')) return null;
  const num = (v: Row[string]) => Number(v) || 0;
  const grouped = (sectionKey: string) => {
    const by = new Map<string, Row[]>();
    for (const r of at(sectionKey)) by.set(String(r.item), [...(by.get(String(r.item)) ?? []), r]);
    return [...by.entries()].map(([item, rs]) => ({ item, label: String(rs[0].label), values: new Map(rs.map((r) => [String(r.measureKey), num(r.value)])) }));
  };
  const totals = new Map(at('totals').map((r) => [String(r.measureKey), num(r.value)]));
  return {
    asked: about.get('asked') ?? '',
    figures: {
      period: about.get('period') ?? '',
      subdivision: about.get('subdivision') ?? '',
      totals: { submitted: totals.get('submitted') ?? 0, grouped: totals.get('grouped') ?? 0, completed: totals.get('completed') ?? 0 },
      funnel: grouped('funnel').map(
        (g) => ({ course: g.item, title: g.label, ...Object.fromEntries(FUNNEL_MEASURES.map(([k]) => [k, g.values.get(k) ?? 0])) }) as unknown as FunnelLine,
      ),
      quotas: grouped('quotas').map((g) => ({ territory: g.item, given: g.values.get('given') ?? 0, used: g.values.get('used') ?? 0 })),
      onePk: Object.fromEntries(
        ONE_PK.map(([k]) => [k, Object.fromEntries(at(`onePk.${k}`).map((r) => [String(r.item), num(r.value)]))]),
      ) as unknown as Figures['onePk'],
    },
  };
};
