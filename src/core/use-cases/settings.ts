// «Настройки»: the bank's own key-value settings (schema version, consent text version, counters).
import type { Table } from '../ports';

export const getSetting = (settings: Table, key: string): string => String(settings.read().find((r) => r.key === key)?.value ?? '');

/** What each setting is, for the sector reading «Настройки» (issue 18): the keys stay the bank's own names. */
const ABOUT: Readonly<Record<string, string>> = {
  schemaVersion: 'Версия структуры банка. Ставит «ЕБППК → Настроить банк»; не меняйте.',
  consentVersion: 'Редакция действующего текста согласия на обработку персональных данных (в форме и в заявках).',
  consentText: 'Действующий текст согласия на обработку персональных данных.',
  statusUrl: 'Адрес страницы «Что с моей заявкой» (веб-приложение банка); ссылка на неё есть в каждом письме.',
  formId: 'Google Форма заявок (её идентификатор).',
  formUrl: 'Ссылка на Google Форму заявок для педагогов.',
  retentionYears: 'Сколько лет после курса хранятся персональные данные; затем годовой перенос архива их обезличивает.',
  undoDays: 'Сколько дней руководитель может исправить ошибочную отметку («не явился», «отозвана», «отчислен»).',
  statsRefreshedAt: 'Когда последний раз обновлялась статистика.',
  cabinetTemplateId: 'Таблица-шаблон кабинета подразделения (со скриптом кабинета).',
  blankNext: 'Номер следующего бланка удостоверения.',
  blankTo: 'Последний номер в выданном диапазоне бланков удостоверений.',
  providerName: 'Название организации в документах (удостоверения, приказы).',
  providerCity: 'Город в документах.',
};

/** The Russian line for a key: a known one, a yearly archive, or '' (an unknown key is the sector's own). */
export const aboutSetting = (key: string): string => {
  const year = /^archive\.(\d{4})$/.exec(key);
  return year ? `Таблица архива за ${year[1]} год (годовой перенос).` : (ABOUT[key] ?? '');
};

/** Setup: every known key (and `more`'s) gets its «Что это» line; one update, only where it differs. */
export const describeSettings = (settings: Table, more: Readonly<Record<string, string>> = {}): void => {
  const patches = new Map<string, { about: string }>();
  for (const r of settings.read()) {
    const about = more[String(r.key)] ?? aboutSetting(String(r.key));
    if (about && String(r.about ?? '') !== about) patches.set(String(r.key), { about });
  }
  if (patches.size) settings.updateByIds(patches);
};

/** Writes one setting if it changed: an update if the key exists, else an append. */
export const setSetting = (settings: Table, key: string, value: string): void => {
  const current = settings.read().find((r) => r.key === key);
  if (current && String(current.value) === value) return;
  const missing = settings.updateByIds(new Map([[key, { value }]]));
  if (missing.length) settings.append([{ key, value, about: aboutSetting(key) }]);
};

/** Several settings in one read and at most one update and one append; `ifMissing` ones only where the key is absent. */
export const setSettings = (settings: Table, values: Record<string, string>, ifMissing: Record<string, string> = {}): void => {
  const current = new Map(settings.read().map((r) => [String(r.key), String(r.value ?? '')]));
  const want = { ...values, ...Object.fromEntries(Object.entries(ifMissing).filter(([k]) => !current.get(k) && !(k in values))) };
  const patches = new Map<string, { value: string }>();
  const fresh: Array<{ key: string; value: string; about: string }> = [];
  for (const [key, value] of Object.entries(want)) {
    if (!current.has(key)) fresh.push({ key, value, about: aboutSetting(key) });
    else if (current.get(key) !== value) patches.set(key, { value });
  }
  settings.updateByIds(patches);
  settings.append(fresh);
};
