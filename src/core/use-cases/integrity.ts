// The integrity check: every application id stands in exactly one stage sheet, the one its ledger stage names.
import { STAGE_LABELS, STAGE_SHEET, type Stage } from '../domain/lifecycle';
import type { BookStore, Workbook } from '../ports';
import { ARCHIVE, GROUPS, LEDGER, PROVIDER_BANK, TERRITORIES } from '../sheets/master';
import { METHODIST_BANK } from '../sheets/territory';

export interface IntegrityReport {
  readonly checked: number;
  readonly problems: string[];
}

/**
 * Reads the ledger, the three master stage sheets (ids only) and the piggy banks of the given territories
 * (all when `only` is omitted). Applications of territories not checked are not reported missing.
 */
export const checkIntegrity = (master: Workbook, books: BookStore, only?: ReadonlySet<string>): IntegrityReport => {
  const territories = master
    .table(TERRITORIES)
    .read()
    .filter((t) => t.workbookId && (!only || only.has(String(t.code))));
  const where = new Map<string, string[]>();
  const put = (id: string, place: string) => {
    const list = where.get(id);
    if (list) list.push(place);
    else where.set(id, [place]);
  };
  const masterSheets = [
    [PROVIDER_BANK, 'provider'],
    [GROUPS, 'group'],
    [ARCHIVE, 'archive'],
  ] as const;
  for (const [spec, place] of masterSheets)
    master
      .table(spec)
      .ids()
      .forEach((id) => put(id, place));
  for (const t of territories)
    books
      .open(String(t.workbookId))
      .table(METHODIST_BANK)
      .ids()
      .forEach((id) => put(id, `territory:${t.code}`));
  const checkedTerritories = new Set(territories.map((t) => String(t.code)));

  const problems: string[] = [];
  const ledger = master
    .table(LEDGER)
    .readKeys(['id', 'territory', 'stage'])
    .map((f) => f.row);
  const inLedger = new Set<string>();
  for (const r of ledger) {
    const id = String(r.id);
    inLedger.add(id);
    const stage = r.stage as Stage;
    const sheet = STAGE_SHEET[stage];
    const expected = sheet === 'territory' ? `territory:${r.territory}` : sheet;
    const found = where.get(id) ?? [];
    if (sheet === 'territory' && !checkedTerritories.has(String(r.territory))) {
      if (found.length) problems.push(`${id}: этап «${STAGE_LABELS[stage]}», но заявка найдена на листе ${found.join(', ')}`);
      continue;
    }
    if (found.length === 0) problems.push(`${id}: этап «${STAGE_LABELS[stage] ?? r.stage}», но заявки нет ни на одном листе этапа`);
    else if (found.length > 1) problems.push(`${id}: заявка стоит сразу на нескольких листах: ${found.join(', ')}`);
    else if (found[0] !== expected) problems.push(`${id}: этап «${STAGE_LABELS[stage] ?? r.stage}», но заявка на листе ${found[0]}`);
  }
  where.forEach((places, id) => !inLedger.has(id) && problems.push(`${id}: есть на листе ${places.join(', ')}, но нет в «Реестре заявок»`));
  return { checked: ledger.length, problems };
};
