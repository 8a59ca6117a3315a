// The «Статистика» sheet as data: the header, the computed blocks (funnel, quotas, 1-ПК) and the pivot tables and
// charts over the hidden data sheet. Adapters lay it out (Apps Script: real pivot tables; local: tables).
import { type Row, sheet } from '../sheets/spec';
import { AGE_BANDS } from './dimensions';
import type { StatsRow } from './statistics';
import { type FunnelLine, onePk, type QuotaLine } from './statistics';

export const STATS_DATA = sheet({
  name: 'Статистика — данные',
  hidden: true,
  botOnly: true,
  columns: [
    { key: 'id', header: 'Заявка', type: 'text' },
    { key: 'course', header: 'Курс', type: 'text' },
    { key: 'courseTitle', header: 'Название курса', type: 'text' },
    { key: 'subdivision', header: 'Подразделение', type: 'text' },
    { key: 'territory', header: 'Территория', type: 'text' },
    { key: 'position', header: 'Должность', type: 'text' },
    { key: 'positionCategory', header: 'Категория должности', type: 'text' },
    { key: 'form', header: 'Форма обучения', type: 'text' },
    { key: 'hoursBand', header: 'Объём часов', type: 'text' },
    { key: 'stage', header: 'Этап', type: 'text' },
    { key: 'submittedMonth', header: 'Месяц подачи', type: 'text' },
    { key: 'submitted', header: 'Подано', type: 'number' },
    { key: 'sent', header: 'Направлено', type: 'number' },
    { key: 'grouped', header: 'В группе', type: 'number' },
    { key: 'completed', header: 'Завершили', type: 'number' },
    { key: 'completedMonth', header: 'Месяц завершения', type: 'text' },
    { key: 'rejected', header: 'Отклонено', type: 'number' },
    { key: 'waitlist', header: 'Лист ожидания', type: 'number' },
    { key: 'absent', header: 'Не явились', type: 'number' },
    { key: 'withdrawn', header: 'Отозваны', type: 'number' },
    { key: 'expelled', header: 'Отчислены', type: 'number' },
    { key: 'sex', header: 'Пол', type: 'text' },
    { key: 'ageBand', header: 'Возраст', type: 'text' },
    { key: 'programType', header: 'Вид программы', type: 'text' },
    { key: 'funding', header: 'Финансирование', type: 'text' },
    { key: 'distance', header: 'С ДОТ', type: 'text' },
    { key: 'group', header: 'Группа', type: 'text' },
  ],
});

export const STATS_SHEET = 'Статистика';

export interface Block {
  readonly title: string;
  readonly header: string[];
  readonly rows: Array<Array<string | number>>;
}

/** A pivot table over the data sheet: rows grouped by one column, sums of count columns. */
export interface PivotSpec {
  readonly title: string;
  readonly rowKey: string;
  readonly valueKeys: readonly string[];
}

export const PIVOTS: readonly PivotSpec[] = [
  { title: 'По подразделениям', rowKey: 'subdivision', valueKeys: ['submitted', 'grouped', 'completed'] },
  { title: 'По курсам', rowKey: 'course', valueKeys: ['submitted', 'grouped', 'completed'] },
  { title: 'По территориям', rowKey: 'territory', valueKeys: ['submitted', 'sent', 'completed'] },
  { title: 'По должностям', rowKey: 'position', valueKeys: ['submitted', 'completed'] },
  { title: 'По формам обучения', rowKey: 'form', valueKeys: ['submitted', 'completed'] },
  { title: 'По объёму часов', rowKey: 'hoursBand', valueKeys: ['submitted', 'completed'] },
  { title: 'Завершили по месяцам', rowKey: 'completedMonth', valueKeys: ['completed'] },
];

/**
 * The hidden data sheet the bank's pivot tables read (issue 19): only the columns they group by and sum — 11 of
 * STATS_DATA's 27, so a year's refresh writes 60 % fewer cells. The full 27-column sheet is what `ebppk report` writes
 * for offline analysis. A bank refreshed before keeps its old «Статистика — данные» (hidden, no longer written).
 */
export const PIVOT_DATA = sheet({
  name: 'Статистика — данные сводных',
  hidden: true,
  botOnly: true,
  columns: STATS_DATA.columns.filter((c) => PIVOTS.some((p) => p.rowKey === c.key || p.valueKeys.includes(c.key))),
});

/**
 * The pivot tables' data (issue 19): one row per distinct combination of the columns they group by, the counts summed
 * — the tables sum them, so they show what one row per application would, from a fraction of the cells.
 */
export const pivotRows = (rows: readonly StatsRow[]): Row[] => {
  const dims = PIVOT_DATA.columns.filter((c) => c.type !== 'number').map((c) => c.key);
  const sums = PIVOT_DATA.columns.filter((c) => c.type === 'number').map((c) => c.key);
  const by = new Map<string, Row>();
  for (const r of rows) {
    const key = dims.map((d) => String(r[d] ?? '')).join('\u0000');
    let acc = by.get(key);
    if (!acc) {
      acc = Object.fromEntries([...dims.map((d) => [d, r[d] ?? '']), ...sums.map((k) => [k, 0])]) as Row;
      by.set(key, acc);
    }
    for (const k of sums) acc[k] = Number(acc[k]) + (Number(r[k]) || 0);
  }
  return [...by.values()];
};

export interface Report {
  readonly meta: Array<[string, string]>;
  readonly blocks: Block[];
  readonly pivots: readonly PivotSpec[];
}

/** A dimension's lines in order: age bands in their natural order (issue 18: «моложе 25» came last), others by name. */
const table = (m: Record<string, number>): Array<[string, number]> =>
  Object.entries(m).sort((a, b) => {
    const ia = (AGE_BANDS as readonly string[]).indexOf(a[0]);
    const ib = (AGE_BANDS as readonly string[]).indexOf(b[0]);
    return ia >= 0 && ib >= 0 ? ia - ib : a[0].localeCompare(b[0], 'ru');
  });

export const buildReport = (meta: Array<[string, string]>, funnelLines: FunnelLine[], quotas: QuotaLine[], rows: readonly StatsRow[]): Report => {
  const pk = onePk(rows);
  const pkBlock = (title: string, m: Record<string, number>): Block => ({ title: `1-ПК: ${title}`, header: [title, 'Завершили'], rows: table(m) });
  return {
    meta,
    blocks: [
      {
        title: 'Воронка по курсам',
        header: ['Курс', 'Название', 'Подано', 'Направлено', 'В группе', 'Завершили', 'Отклонено', 'Лист ожидания', 'Не явились', 'Отклонено, %', 'Неявка, %'],
        rows: funnelLines.map((f) => [
          f.course,
          f.title,
          f.submitted,
          f.sent,
          f.grouped,
          f.completed,
          f.rejected,
          f.waitlist,
          f.absent,
          f.rejectionRate,
          f.noShowRate,
        ]),
      },
      { title: 'Квоты территорий', header: ['Территория', 'Квота', 'Использовано'], rows: quotas.map((q) => [q.territory, q.given, q.used]) },
      pkBlock('вид программы', pk.programType),
      pkBlock('пол', pk.sex),
      pkBlock('возраст', pk.ageBand),
      pkBlock('категория должности', pk.positionCategory),
      pkBlock('источник финансирования', pk.funding),
      pkBlock('с использованием ДОТ', pk.distance),
    ],
    pivots: PIVOTS,
  };
};
