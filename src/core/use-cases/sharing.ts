// Who can open the bank's files follows «Доступ» — done by the owner, who owns them. Granting and revoking only record
// the change and ask for this work (owner-work.ts); the owner's job compares every file's real editors with «Доступ»,
// repairs the workbooks it shares and reports what it must not repair alone.
import type { BookStore, Clock, Workbook } from '../ports';
import { ACCESS, CABINETS, MASTER_SHEETS, TERRITORIES } from '../sheets/master';
import { journal } from './journal';
import { methodistsByTerritory } from './territory-books';

export interface SharingDrift {
  /** The file as staff know it: «Мастер-таблица» or the workbook's territory. */
  readonly file: string;
  readonly id: string;
  /** Should be editors and are not. */
  readonly missing: string[];
  /** Are editors and should not be. */
  readonly extra: string[];
  /** Whether the job repaired it (territory workbooks) or only reports it (the master: see below). */
  readonly repaired: boolean;
}

export interface SharingDeps {
  readonly master: Workbook;
  readonly books: BookStore;
  readonly cabinets: BookStore;
  readonly clock: Clock;
}

const diff = (want: ReadonlySet<string>, have: ReadonlySet<string>) => ({
  missing: [...want].filter((e) => !have.has(e)).sort(),
  extra: [...have].filter((e) => !want.has(e)).sort(),
});

/**
 * Compares every territory workbook's editors with its active methodists and every cabinet's with its subdivision's
 * active head and leaders, and repairs the difference; compares the
 * master's editors with the active sector staff. The master is reported, not repaired: until the subdivisions' cabinets
 * carry the leaders' work, leaders and heads may still work in it, so unsharing them is the sector's decision
 * («Закрыть лишний доступ к мастер-таблице» → `repairMaster`).
 * Journals what it found. One open and one editors read per workbook.
 */
export const reconcileSharing = (deps: SharingDeps, opts: { repairMaster?: boolean } = {}): SharingDrift[] => {
  const access = deps.master.table(ACCESS).read();
  const methodists = methodistsByTerritory(access);
  const drift: SharingDrift[] = [];
  for (const t of deps.master.table(TERRITORIES).read()) {
    const id = String(t.workbookId ?? '');
    if (!id) continue;
    const want = t.active === true ? (methodists.get(String(t.code)) ?? new Set<string>()) : new Set<string>();
    const d = diff(want, new Set(deps.books.editors(id)));
    if (!d.missing.length && !d.extra.length) continue;
    deps.books.share(id, d.missing, d.extra);
    drift.push({ file: `книга территории «${t.name}»`, id, ...d, repaired: true });
  }
  // Cabinets: exactly the subdivision's active head and leaders.
  const staff = new Map<string, Set<string>>();
  for (const a of access) {
    if (a.active !== true || (a.role !== 'head' && a.role !== 'leader')) continue;
    const set = staff.get(String(a.scope)) ?? new Set<string>();
    set.add(String(a.email).trim().toLowerCase());
    staff.set(String(a.scope), set);
  }
  for (const c of deps.master.table(CABINETS).read()) {
    const id = String(c.spreadsheetId ?? '');
    if (!id) continue;
    const d = diff(staff.get(String(c.subdivision)) ?? new Set<string>(), new Set(deps.cabinets.editors(id)));
    if (!d.missing.length && !d.extra.length) continue;
    deps.cabinets.share(id, d.missing, d.extra);
    drift.push({ file: `кабинет «${c.subdivision}»`, id, ...d, repaired: true });
  }
  const owner = deps.books.owner();
  const sector = new Set(
    access
      .filter((a) => a.role === 'sector' && a.active === true)
      .map((a) => String(a.email).trim().toLowerCase())
      .filter((e) => e !== owner),
  );
  const m = diff(sector, new Set(deps.books.editors(deps.master.id)));
  // A sector member who has not been given the file yet is the owner's to share, like the workbooks. Other editors are
  // removed only when the sector asks (the migration to cabinets, or after a hand-made share): until then, reported.
  const removeExtra = opts.repairMaster === true ? m.extra : [];
  if (m.missing.length || removeExtra.length) deps.books.share(deps.master.id, m.missing, removeExtra);
  if (m.missing.length || m.extra.length)
    drift.push({ file: 'мастер-таблица банка', id: deps.master.id, ...m, repaired: !m.extra.length || opts.repairMaster === true });
  // The sector's sheets («Доступ», «Настройки», «Кабинеты»): editable by the owner and the active sector staff only.
  const guarded = deps.master.protectFor(
    MASTER_SHEETS.filter((s) => s.sectorOnly),
    [...sector],
  );
  if (guarded) drift.push({ file: 'листы сектора в мастер-таблице', id: deps.master.id, missing: [], extra: [], repaired: true });
  if (drift.length) {
    journal(deps.master, {
      at: deps.clock.now(),
      actor: 'банк',
      action: 'проверка доступа',
      reason: drift.map(describeDrift).join('; '),
    });
  }
  return drift;
};

export const describeDrift = (d: SharingDrift): string =>
  !d.missing.length && !d.extra.length
    ? `${d.file}: редакторы защиты приведены к списку сектора`
    : [
        `${d.file}:`,
        d.missing.length ? `${d.repaired ? 'открыт доступ' : 'нет доступа у'} ${d.missing.join(', ')}` : '',
        d.extra.length
          ? d.repaired
            ? `закрыт доступ ${d.extra.join(', ')}`
            : `редакторы не из сектора: ${d.extra.join(', ')} — каждый редактор может изменить код банка; закройте им доступ (Настройки доступа)`
          : '',
      ]
        .filter(Boolean)
        .join(' ');
