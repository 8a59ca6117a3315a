// «Настроить банк»: creates or completes every master sheet, seeds territories, records the schema version, installs triggers.

import { DEFAULT_TEMPLATES, DOCUMENT_KINDS, type DocumentKey, PREVIOUS_DEFAULTS } from '../documents/default-templates';
import { UNDO_DAYS } from '../domain/lifecycle';
import { CONSENT_TEXT, CONSENT_VERSION } from '../intake/form-spec';
import type { Clock, Workbook } from '../ports';
import { FRDO_SEED } from '../reference/frdo-columns';
import { TERRITORY_SEED } from '../reference/territories';
import { err, ok, type Result } from '../result';
import { ACCESS, FRDO_LAYOUT, LETTER_TEMPLATES, MASTER_SHEETS, SETTINGS, TEMPLATES, TERRITORIES } from '../sheets/master';
import { SCHEMA_VERSION } from '../version';
import { RETENTION_YEARS } from './consent';
import { DUTIES, dutySetting } from './control';
import { findUser } from './current-user';
import { journal } from './journal';
import { LETTER_KINDS } from './letters';
import { describeSettings, setSettings } from './settings';

export interface TriggerSpec {
  readonly handler: string;
  /** 'edit': an installable edit trigger on the master (runs as its installer, the owner, on a person's edit). */
  readonly kind: 'clock' | 'form-submit' | 'edit';
  /** For clock triggers. */
  readonly everyMinutes?: number;
}

export interface Triggers {
  /** Installs the missing ones and removes duplicates; returns what it created. */
  ensure(specs: readonly TriggerSpec[]): string[];
}

export interface SetupReport {
  readonly createdSheets: string[];
  readonly addedColumns: string[];
  readonly addedTerritories: number;
  readonly installedTriggers: string[];
  readonly schemaVersion: string;
  /** Set when the bank had no sector user and the person running setup became it. */
  readonly bootstrapSector: string;
}

export interface SetupDeps {
  readonly master: Workbook;
  readonly clock: Clock;
  readonly actor: string;
  readonly triggers: Triggers;
  readonly triggerSpecs: readonly TriggerSpec[];
  /** The status page's address when the web app is deployed (Apps Script knows it), recorded as `statusUrl`. */
  readonly statusUrl?: string;
}

export const SETUP_FORBIDDEN = 'Настраивать банк может только сотрудник организационно-методического сектора (роль sector на листе «Доступ»).';

/**
 * Only the sector may run setup, except on a bank without any sector user: then whoever runs it (the owner installing
 * the bank) becomes the first sector user, so the bank is never left without an administrator.
 */
export const setupBank = ({ master, clock, actor, triggers, triggerSpecs, statusUrl }: SetupDeps): Result<SetupReport, string> => {
  const accessRows = master.has(ACCESS) ? master.table(ACCESS).read() : [];
  const hasSector = accessRows.some((r) => r.role === 'sector' && r.active === true);
  if (hasSector && findUser(accessRows, actor).role !== 'sector') return err(SETUP_FORBIDDEN);
  if (!hasSector && !actor) return err('Не удалось определить ваш адрес Google: войдите в аккаунт и повторите настройку.');

  const createdSheets: string[] = [];
  const addedColumns: string[] = [];
  for (const spec of MASTER_SHEETS) {
    const r = master.ensure(spec);
    if (r.created) createdSheets.push(spec.name);
    r.addedColumns.forEach((h) => addedColumns.push(`${spec.name} / ${h}`));
  }

  const territories = master.table(TERRITORIES);
  const known = new Set(territories.read().map((t) => String(t.code)));
  const fresh = TERRITORY_SEED.filter((t) => !known.has(t.code)).map((t) => ({ ...t, workbookId: '', active: true }));
  // Seed only a new bank's list: the sector may have retired or renamed territories since.
  const seeded = known.size === 0 ? fresh : [];
  territories.append(seeded);

  const frdo = master.table(FRDO_LAYOUT);
  if (frdo.ids().length === 0) frdo.append(FRDO_SEED.map((c) => ({ ...c, n: String(c.n) })));

  const templates = master.table(TEMPLATES);
  const current = templates.read();
  const haveTemplates = new Set(current.map((t) => String(t.key)));
  templates.append(DOCUMENT_KINDS.filter((d) => !haveTemplates.has(d.key)).map((d) => ({ key: d.key, title: d.title, html: DEFAULT_TEMPLATES[d.key] })));
  // A template nobody edited (still an earlier default) gets the current default; an edited one is the provider's.
  const outdated = current.filter((t) => PREVIOUS_DEFAULTS[t.key as DocumentKey]?.includes(String(t.html)));
  templates.updateByIds(new Map(outdated.map((t) => [String(t.key), { html: DEFAULT_TEMPLATES[t.key as DocumentKey] }])));

  const letters = master.table(LETTER_TEMPLATES);
  const haveLetters = new Set(letters.ids());
  letters.append(LETTER_KINDS.filter((k) => !haveLetters.has(k.key)).map(({ key, title, subject, body, fields }) => ({ key, title, subject, body, fields })));

  const settings = master.table(SETTINGS);
  const previous = String(settings.read().find((r) => r.key === 'schemaVersion')?.value ?? '');
  // The schema, the consent text in force and its version (a response records the version it agreed to); the retention
  // period and the undo window as defaults the sector may change.
  setSettings(
    settings,
    { schemaVersion: SCHEMA_VERSION, consentVersion: CONSENT_VERSION, consentText: CONSENT_TEXT, ...(statusUrl ? { statusUrl } : {}) },
    {
      retentionYears: String(RETENTION_YEARS),
      undoDays: String(UNDO_DAYS),
      // The deadlines of control (issue 17), in days, as the sector may change them.
      ...Object.fromEntries(DUTIES.map((d) => [dutySetting(d.key), String(d.days)])),
    },
  );

  // Schema 4 (issue 18): «Доступ» shows roles in Russian; rows written before carry codes — rewritten once as labels.
  if (previous && Number(previous) < 4 && accessRows.length)
    master.table(ACCESS).updateByIds(new Map(accessRows.map((r) => [String(r.email), { role: r.role }])));

  describeSettings(settings, Object.fromEntries(DUTIES.map((d) => [dutySetting(d.key), `Контроль, N дней: «${d.title}» — ${d.rule}.`])));

  const bootstrapSector = hasSector ? '' : actor;
  if (bootstrapSector) master.table(ACCESS).append([{ email: actor, role: 'sector', scope: '', name: 'владелец банка', active: true }]);

  const installedTriggers = triggers.ensure(triggerSpecs);
  const changed = createdSheets.length + addedColumns.length + seeded.length + installedTriggers.length > 0 || previous !== SCHEMA_VERSION || !!bootstrapSector;
  if (changed) {
    journal(master, {
      at: clock.now(),
      actor,
      action: 'настройка банка',
      from: String(previous),
      to: SCHEMA_VERSION,
      reason: [
        createdSheets.length ? `созданы листы: ${createdSheets.join(', ')}` : '',
        addedColumns.length ? `добавлены столбцы: ${addedColumns.join(', ')}` : '',
        seeded.length ? `территорий: ${seeded.length}` : '',
        installedTriggers.length ? `триггеры: ${installedTriggers.join(', ')}` : '',
        bootstrapSector ? `первый пользователь сектора: ${bootstrapSector}` : '',
      ]
        .filter(Boolean)
        .join('; '),
    });
  }
  return ok({ createdSheets, addedColumns, addedTerritories: seeded.length, installedTriggers, schemaVersion: SCHEMA_VERSION, bootstrapSector });
};
