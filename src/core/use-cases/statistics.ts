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
