// «Сектор»: access for everyone, subdivisions and territories of the bank.

import type { RpcApi } from '../../app/rpc-contract';
import { accessSection } from '../shared/access-view';
import { sectorBoard } from '../shared/board-view';
import { busy, clear, confirmAction, done, field, h, say, select, showView, unavailable } from '../shared/dom';
import { call } from '../shared/rpc-client';
import { statsForm } from '../shared/stats-view';
import { bankToday } from '../shared/today';

type AccessList = RpcApi['getAccessList']['result'];

const app = document.getElementById('app') as HTMLElement;
const statusEl = document.getElementById('status') as HTMLElement;

const subdivisionForm = (reload: () => Promise<void>): HTMLElement => {
  const code = h('input', { type: 'text', maxlength: '30' });
  const name = h('input', { type: 'text', maxlength: '300' });
  const form = h(
    'form',
    { novalidate: true },
    h('h2', {}, 'Подразделение'),
    field('Код', code, 'code'),
    field('Название', name, 'name'),
    h('button', { type: 'submit' }, 'Сохранить подразделение'),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const r = await busy(form.querySelector('[type=submit]') as HTMLButtonElement, statusEl, 'Сохраняю подразделение…', () =>
      call('saveSubdivision', { code: code.value, name: name.value }),
    );
    if (!r) return;
    await reload();
    done(statusEl, `Подразделение ${r.code} сохранено.`);
  });
  return form;
};

const territoryForm = (list: AccessList, reload: () => Promise<void>): HTMLElement => {
  const pick = select([['', '— новая территория —'], ...list.territories.map((t) => [t.code, t.name] as [string, string])]);
  const name = h('input', { type: 'text', maxlength: '300' });
  const active = h('input', { type: 'checkbox', checked: true });
  pick.addEventListener('change', () => {
    const t = list.territories.find((x) => x.code === pick.value);
    name.value = t?.name ?? '';
    active.checked = t ? t.active : true;
  });
  const form = h(
    'form',
    { novalidate: true },
    h('h2', {}, 'Территория'),
    field('Выберите', pick, 'pick'),
    field('Название', name, 'name'),
    h('div', { class: 'check' }, active, h('label', {}, 'Активна (есть в форме и получает книгу)')),
    h('button', { type: 'submit' }, 'Сохранить территорию'),
  );
  active.id = 'territory-active';
  (form.querySelector('.check label') as HTMLLabelElement).htmlFor = 'territory-active';
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const r = await busy(form.querySelector('[type=submit]') as HTMLButtonElement, statusEl, 'Сохраняю территорию…', () =>
      // The code stays internal: the chosen territory's, or '' for a new one (the server makes it from the name).
      call('saveTerritory', { code: pick.value, name: name.value, active: active.checked }),
    );
    if (!r) return;
    await reload();
    done(statusEl, `Территория «${name.value.trim()}» сохранена. Новой территории книгу создаст «ЕБППК → Настроить банк».`);
  });
  return form;
};

const rolloverForm = (): HTMLElement => {
  const year = h('input', { type: 'number', value: String(bankToday().getFullYear() - 1), min: '2000', max: '2100', step: '1' });
  const form = h(
    'form',
    { novalidate: true },
    h(
      'p',
      { class: 'muted' },
      'Записи архива за годы до указанного переносятся в отдельные таблицы «ЕБППК — Архив <год>»: банк остаётся быстрым, статистика их учитывает.',
    ),
    field('Перенести годы до (не включая)', year, 'beforeYear'),
    h('button', { type: 'submit' }, 'Перенести'),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const sure = await confirmAction(
      `Перенести записи архива за годы до ${year.value} в таблицы «ЕБППК — Архив <год>»?`,
      ['Перенесённые записи уходят из таблицы банка.', 'Записи старше срока хранения и отозвавших согласие будут обезличены — это необратимо.'],
      'Да, перенести',
    );
    if (!sure) return;
    const r = await busy(form.querySelector('[type=submit]') as HTMLButtonElement, statusEl, 'Переношу архив…', () =>
      call('rolloverArchive', { beforeYear: Number(year.value) }),
    );
    if (!r) return;
    done(
      statusEl,
      `${r.years.length ? `Перенесено: ${r.years.map((y) => `${y.year} год — ${y.moved}`).join(', ')}.` : 'Записей за эти годы в архиве нет.'}${r.anonymised ? ` Обезличено заявок по сроку хранения и отзыву согласия: ${r.anonymised}.` : ''}`,
    );
  });
  return form;
};

/** The sector's overview (issue 17): per subdivision and territory, on demand (the job keeps the sheet «Контроль»). */
const controlSection = (): HTMLElement => {
  const box = h('div', {});
  const button = h('button', { type: 'button' }, 'Показать контроль');
  button.addEventListener('click', async () => {
    const b = await busy(button, statusEl, 'Считаю контроль…', () => call('getControlBoard'));
    if (!b) return;
    say(statusEl, '');
    clear(box);
    box.append(sectorBoard(b));
  });
  return h(
    'section',
    {},
    h('p', { class: 'muted' }, 'Просроченные и ближайшие обязанности руководителей, методистов и сектора; полный список — на листе «Контроль».'),
    button,
    box,
  );
};

/** 152-ФЗ: a person's written withdrawal of consent, recorded by the sector (teachers can also do it on the status page). */
const consentForm = (): HTMLElement => {
  const id = h('input', { type: 'text', maxlength: '11', placeholder: '2026-000123' });
  const sure = h('input', { type: 'checkbox', id: 'consent-sure' });
  const form = h(
    'form',
    { novalidate: true },
    h(
      'p',
      { class: 'muted' },
      'По заявлению человека: все его заявки (по СНИЛС) отмечаются, письма прекращаются, заявки, обучение по которым не началось, отзываются. Сведения об обучении обезличиваются при годовом переносе архива.',
    ),
    field('Номер любой заявки человека', id, 'id'),
    h('div', { class: 'check' }, sure, h('label', { for: 'consent-sure' }, 'Заявление получено, отозвать согласие')),
    h('button', { type: 'submit' }, 'Отозвать согласие'),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!sure.checked) {
      say(statusEl, 'Отметьте, что заявление получено: отзыв согласия нельзя отменить.', 'error');
      return;
    }
    const r = await busy(form.querySelector('[type=submit]') as HTMLButtonElement, statusEl, 'Отзываю согласие…', () =>
      call('withdrawConsent', { id: id.value.trim() }),
    );
    if (!r) return;
    done(
      statusEl,
      `Согласие отозвано: заявок человека ${r.applications}, отозвано ${r.withdrawn.length}${r.deferred.length ? `, у методистов ${r.deferred.length} (их отзовёт фоновое задание в течение 5 минут)` : ''}${r.kept.length ? `, в группе (данные хранятся до архива) ${r.kept.length}` : ''}, отменено писем ${r.letters}.`,
    );
  });
  return form;
};

const render = async (): Promise<void> => {
  const list = await busy(null, statusEl, 'Загрузка…', () => call('getAccessList'));
  if (!list) return unavailable(app);
  say(statusEl, '');
  show(list);
};

type Section = 'stats' | 'access' | 'control' | 'structure' | 'consent' | 'rollover';

/** The home card's sections (issue 18: one long page of five unrelated forms had no navigation). */
const SECTIONS: ReadonlyArray<readonly [Section, string, string]> = [
  ['stats', 'Статистика', 'Обновить сводные таблицы за период и посмотреть итоги.'],
  ['access', 'Доступ к банку', 'Кто работает с банком: поиск, выдать и отозвать доступ.'],
  ['control', 'Контроль сроков', 'Просроченные и ближайшие обязанности по подразделениям и территориям.'],
  ['structure', 'Подразделения и территории', 'Добавить или переименовать подразделение, территорию.'],
  ['consent', 'Отзыв согласия', 'Заявление человека об отзыве согласия на обработку персональных данных.'],
  ['rollover', 'Годовой перенос архива', 'Перенести прошлые годы в отдельные таблицы и обезличить старые записи.'],
];

let current: Section | null = null;

const open = (section: Section | null, list: AccessList) => {
  current = section;
  show(list);
};

const home = (list: AccessList): HTMLElement =>
  h(
    'div',
    {},
    h('h1', {}, 'Организационно-методический сектор'),
    h(
      'p',
      { class: 'muted' },
      `Доступ: ${list.entries.length} чел. · подразделений: ${list.subdivisions.length} · территорий: ${list.territories.length}, с книгой: ${list.territories.filter((t) => t.hasWorkbook).length}`,
    ),
    h(
      'nav',
      { 'aria-label': 'Разделы' },
      h(
        'ul',
        { class: 'sections' },
        ...SECTIONS.map(([key, title, about]) =>
          h('li', {}, h('button', { type: 'button', class: 'section', onClick: () => open(key, list) }, title), h('div', { class: 'muted' }, about)),
        ),
      ),
    ),
  );

const sectionBody = (section: Section, list: AccessList): HTMLElement => {
  switch (section) {
    case 'stats':
      return statsForm(statusEl, 'refreshStatistics', list.subdivisions);
    case 'access':
      return accessSection(list, statusEl, show);
    case 'control':
      return controlSection();
    case 'structure':
      return h(
        'div',
        {},
        h('h2', {}, `Подразделения (${list.subdivisions.length})`),
        h('p', { class: 'muted' }, list.subdivisions.map((s) => `${s.code} — ${s.name}`).join('; ') || 'Пока нет.'),
        subdivisionForm(render),
        territoryForm(list, render),
        h('p', { class: 'muted' }, `Территорий: ${list.territories.length}, с книгой: ${list.territories.filter((t) => t.hasWorkbook).length}.`),
      );
    case 'consent':
      return consentForm();
    case 'rollover':
      return rolloverForm();
  }
};

/** Draws the current section (or the home card) from an access list: loaded, or returned refreshed by a grant or revoke. */
const show = (list: AccessList): void => {
  const section = SECTIONS.find(([key]) => key === current);
  showView(
    app,
    section
      ? h(
          'div',
          {},
          h('button', { type: 'button', class: 'link back', onClick: () => open(null, list) }, '← Все разделы'),
          h('h1', {}, section[1]),
          sectionBody(section[0], list),
        )
      : home(list),
  );
};

void render();
