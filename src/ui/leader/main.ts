// «Руководитель курсов»: the subdivision's courses with live counts; create/edit; enrolment; attendance and the group.

import type { RpcApi } from '../../app/rpc-contract';
import { type CourseInput, courseForm, newCourse } from '../shared/course-form';
import { busy, checkAll, clear, confirmAction, done, field, h, ruDate, say, select, showFieldErrors, showView, unavailable } from '../shared/dom';
import { call, fieldsOf } from '../shared/rpc-client';
import { statsForm } from '../shared/stats-view';
import { bankToday } from '../shared/today';

type Overview = RpcApi['getLeaderOverview']['result'];
type Summary = Overview['courses'][number];
type Attendance = RpcApi['getAttendance']['result'];
type Completion = RpcApi['getGroupCompletion']['result'];

const app = document.getElementById('app') as HTMLElement;
const statusEl = document.getElementById('status') as HTMLElement;
let overview: Overview | null = null;

const badge = (state: string) =>
  h(
    'span',
    { class: `badge ${state === 'открыт' ? 'open' : state === 'закрыт' ? 'closed' : ''}` },
    state === 'открыт' ? 'запись открыта' : state === 'закрыт' ? 'запись закрыта' : 'черновик',
  );

const courseCard = (c: Summary): HTMLElement => {
  const canEdit = overview?.role !== 'head';
  const territories = h(
    'details',
    {},
    h('summary', {}, `По территориям (${c.atMethodists.length})`),
    h(
      'table',
      { class: 'list' },
      ...c.atMethodists.map((t) =>
        h(
          'tr',
          {},
          h('td', {}, t.territory),
          h('td', {}, `у методиста ${t.count}${t.waitlist ? ` (ожидание ${t.waitlist})` : ''}`),
          h('td', {}, t.quota === null ? 'без квоты' : `квота ${t.used}/${t.quota}`),
          h('td', {}, t.methodists.map((m) => [m.name, m.email, m.phone].filter(Boolean).join(', ')).join('; ') || 'методист не назначен'),
        ),
      ),
    ),
  );
  const atMethodists = c.atMethodists.reduce((n, t) => n + t.count, 0);
  return h(
    'section',
    { class: 'card', 'aria-label': `Курс ${c.code}` },
    h('h2', {}, `${c.code} — ${c.title}`),
    h('div', { class: 'muted' }, `${ruDate(c.startDate)}–${ruDate(c.endDate)} · ${c.hours} ч · ${c.form}`),
    badge(c.enrolment),
    h(
      'ul',
      { class: 'counts' },
      h('li', {}, `У методистов: ${atMethodists}`),
      h('li', {}, `В копилке поставщика: ${c.atProvider}`),
      h('li', {}, `В группах: ${c.inGroups}${c.groups.length ? ` (${c.groups.join(', ')})` : ''}`),
      h(
        'li',
        {},
        `Квоты: ${c.quotaTotal === null ? 'не заданы' : `${c.atMethodists.reduce((n, t) => n + t.used, 0)} из ${c.quotaTotal}`} · вместимость ${c.capacity}`,
      ),
    ),
    c.capacityWarning ? h('p', { class: 'warn', role: 'note' }, c.capacityWarning) : null,
    c.atMethodists.length ? territories : null,
    canEdit
      ? h(
          'div',
          { class: 'row' },
          h('button', { type: 'button', onClick: () => void editCourse(c.code) }, 'Изменить'),
          h(
            'button',
            { type: 'button', onClick: (e: Event) => void toggleEnrolment(c, e.currentTarget as HTMLButtonElement) },
            c.enrolment === 'открыт' ? 'Закрыть запись' : 'Открыть запись',
          ),
          h('button', { type: 'button', class: 'action', onClick: () => void showAttendance(c.code) }, 'Явка и группа'),
        )
      : null,
  );
};

const showList = async (): Promise<void> => {
  const o = await busy(null, statusEl, 'Загрузка курсов…', () => call('getLeaderOverview'));
  if (o) renderList(o);
  else if (!overview) unavailable(app);
};

/** Draws the course list: from getLeaderOverview, or from the view a change returned (no second round trip). */
const renderList = (o: Overview): void => {
  overview = o;
  say(statusEl, '');
  showView(
    app,
    h(
      'div',
      {},
      h('h1', {}, o.role === 'sector' ? 'Курсы всех подразделений' : `Курсы подразделения ${o.scope}`),
      o.role !== 'head'
        ? h(
            'div',
            { class: 'row' },
            h('button', { type: 'button', class: 'action', onClick: () => void editCourse(null) }, 'Новый курс'),
            h('button', { type: 'button', onClick: () => void showFrdo() }, 'Выгрузка в ФИС ФРДО'),
          )
        : null,
      h('div', { class: 'row' }, h('button', { type: 'button', onClick: () => showStats() }, 'Статистика')),
      ...(o.courses.length ? o.courses.map(courseCard) : [h('p', { class: 'muted' }, 'Курсов пока нет.')]),
    ),
  );
};

const toggleEnrolment = async (c: Summary, button: HTMLButtonElement): Promise<void> => {
  const state = c.enrolment === 'открыт' ? 'закрыт' : 'открыт';
  const waiting = c.atMethodists.reduce((n, t) => n + t.count, 0);
  if (
    state === 'закрыт' &&
    waiting > 0 &&
    !(await confirmAction(
      `Закрыть запись на курс ${c.code}? У методистов ещё ${waiting} заявок.`,
      [
        'Новые заявки на курс приниматься не будут.',
        'Заявки у методистов останутся у них: направить их поставщику можно будет, только если снова открыть запись.',
      ],
      'Да, закрыть запись',
    ))
  )
    return;
  const r = await busy(button, statusEl, state === 'открыт' ? 'Открываю запись…' : 'Закрываю запись…', () => call('setEnrolment', { code: c.code, state }));
  if (!r) return;
  renderList(r.view);
  done(statusEl, `Курс ${c.code}: запись ${state === 'открыт' ? 'открыта' : 'закрыта'}. Список курсов в форме обновится в течение 5 минут.`);
};

const editCourse = async (code: string | null): Promise<void> => {
  let c: CourseInput = newCourse(overview?.scope ?? '');
  if (code) {
    const loaded = await busy(null, statusEl, 'Загрузка курса…', () => call('getCourse', { code }));
    if (!loaded) return;
    c = loaded;
    say(statusEl, '');
  }
  const form = courseForm({
    course: { ...c, subdivision: c.subdivision || overview?.scope || '' },
    editing: code !== null,
    territories: overview?.territories.filter((t) => t.active) ?? [],
    cancel: () => void showList(),
    save: async (payload, form, button) => {
      let fields: Record<string, string> = {};
      const r = await busy(button, statusEl, 'Сохраняю курс…', () =>
        call('saveCourse', payload).catch((err) => {
          fields = fieldsOf(err);
          throw err;
        }),
      );
      showFieldErrors(form, fields);
      if (!r) return;
      renderList(r.view);
      done(statusEl, r.created ? `Курс ${r.code} создан. Откройте запись, когда он будет готов к публикации.` : `Курс ${r.code} сохранён.`);
    },
  });
  showView(app, form);
};

const showAttendance = async (code: string): Promise<void> => {
  const a = await busy(null, statusEl, 'Загрузка списка…', () => call('getAttendance', { code }));
  if (a) renderAttendance(code, a);
};

/** After a change the server returns the course's attendance as it now stands; null only if it could not be read. */
const afterChange = async (code: string, view: Attendance | null): Promise<void> => (view ? renderAttendance(code, view) : showAttendance(code));

const renderAttendance = (code: string, a: Attendance): void => {
  say(statusEl, '');
  const boxes = a.rows.map((r) => {
    const box = h('input', { type: 'checkbox', value: r.id, id: `p-${r.id}` });
    return {
      box,
      line: h(
        'div',
        { class: 'check' },
        box,
        h(
          'label',
          { for: `p-${r.id}` },
          h('strong', {}, r.name),
          // 25 people and more: one line each (issue 18), the organisation in the box's title.
          a.rows.length > 24 ? null : h('br'),
          h('span', { class: 'muted', title: r.organization }, a.rows.length > 24 ? ` · ${r.territory}` : `${r.organization} · ${r.territory} · ${r.id}`),
        ),
        h(
          'button',
          {
            type: 'button',
            class: 'link',
            'aria-label': `Отозвана: ${r.name}`,
            onClick: (e: Event) => void withdrawOne(code, r.id, r.name, e.currentTarget as HTMLButtonElement),
          },
          'отозвана',
        ),
      ),
    };
  });
  const chosen = () => boxes.filter((b) => b.box.checked).map((b) => b.box.value);
  // Capacity in sight while marking (issue 16): the count of ticked people against the course's places.
  const counter = h('p', { class: 'muted' });
  const count = () => {
    const n = chosen().length;
    counter.textContent = `Отмечено: ${n} из ${a.capacity} мест${n > a.capacity ? ' — больше вместимости курса: группа не будет сформирована' : ''}.`;
    counter.className = n > a.capacity ? 'warn' : 'muted';
  };
  boxes.forEach((b) => b.box.addEventListener('change', count));
  count();
  const groupSelect = select(a.groups.filter((g) => g.status === 'сформирована').map((g) => [g.group, g.group] as [string, string]));
  groupSelect.setAttribute('aria-label', 'Группа для опоздавших');
  showView(
    app,
    h(
      'div',
      {},
      h('h1', {}, `Явка в первый день: ${code}`),
      a.rows.length
        ? h(
            'p',
            { class: 'muted' },
            'Отметьте присутствующих. «Сформировать группу» зачислит отмеченных в новую группу, остальные уйдут в архив как «не явился».',
          )
        : h('p', { class: 'muted' }, 'В копилке поставщика нет заявок на этот курс.'),
      a.rows.length > a.capacity
        ? h('p', { class: 'warn', role: 'note' }, `В копилке ${a.rows.length} заявок при вместимости ${a.capacity}: отметьте не больше ${a.capacity}.`)
        : null,
      a.rows.length > 1
        ? checkAll(
            boxes.map((b) => b.box),
            count,
          )
        : null,
      a.rows.length ? counter : null,
      h('div', { class: a.rows.length > 24 ? 'people compact' : 'people' }, ...boxes.map((b) => b.line)),
      a.rows.length
        ? h(
            'div',
            { class: 'row' },
            h(
              'button',
              { type: 'button', class: 'action', onClick: (e: Event) => void formGroup(code, chosen(), a.rows, e.currentTarget as HTMLButtonElement) },
              'Сформировать группу',
            ),
          )
        : null,
      a.groups.length
        ? h(
            'div',
            {},
            h('h2', {}, 'Группы курса'),
            ...a.groups.map((g) =>
              h(
                'div',
                { class: 'row' },
                h('span', {}, `${g.group} · ${g.size} чел. · ${g.status}`),
                // An archived group stays reachable: its documents can be made again (issue 18).
                h(
                  'button',
                  { type: 'button', onClick: () => void showCompletion(code, g.group) },
                  g.status === 'сформирована' ? 'Завершить обучение' : 'Открыть группу',
                ),
              ),
            ),
          )
        : null,
      a.groups.some((g) => g.status === 'сформирована') && a.rows.length
        ? h(
            'div',
            {},
            h('h2', {}, 'Опоздавшие'),
            h(
              'div',
              { class: 'row' },
              groupSelect,
              h(
                'button',
                { type: 'button', onClick: (e: Event) => void late(code, groupSelect.value, chosen(), e.currentTarget as HTMLButtonElement) },
                'Добавить отмеченных в группу',
              ),
            ),
          )
        : null,
      a.marks.length
        ? h(
            'div',
            {},
            h('h2', {}, 'Исправить ошибочную отметку'),
            h(
              'p',
              { class: 'muted' },
              `«Не явился» и «отозвана» вернутся в копилку поставщика (затем добавьте в группу как опоздавшего), «отчислен» — в группу. Руководитель может исправить отметку в течение ${a.undoDays} дней, позже — только сектор.`,
            ),
            ...a.marks.map((m) => {
              const reason = h('input', { type: 'text', maxlength: '500', 'aria-label': `Причина исправления: ${m.name}` });
              return h(
                'div',
                { class: 'row' },
                h('span', {}, `${m.name} · ${m.stage} · ${m.markedAt}`),
                reason,
                h(
                  'button',
                  { type: 'button', onClick: (e: Event) => void undoOne(code, m.id, m.name, reason.value, e.currentTarget as HTMLButtonElement) },
                  'Вернуть',
                ),
              );
            }),
          )
        : null,
      h('div', { class: 'row' }, h('button', { type: 'button', onClick: () => void showList() }, 'К списку курсов')),
    ),
  );
};

const undoOne = async (code: string, id: string, name: string, reason: string, button: HTMLButtonElement): Promise<void> => {
  if (!reason.trim()) {
    say(statusEl, `Укажите причину: почему отметка у ${name} ошибочная.`, 'error');
    return;
  }
  const r = await busy(button, statusEl, `Возвращаю заявку ${name}…`, () => call('undoMark', { id, reason: reason.trim() }));
  if (!r) return;
  await afterChange(code, r.view);
  done(statusEl, `Заявка ${id} (${name}) возвращена ${r.stage === 'group' ? 'в группу' : 'в копилку поставщика'}.`);
};

const formGroup = async (code: string, present: string[], rows: Attendance['rows'], button: HTMLButtonElement): Promise<void> => {
  if (!present.length) {
    say(statusEl, 'Отметьте присутствующих.', 'error');
    return;
  }
  const here = new Set(present);
  const absent = rows.filter((r) => !here.has(r.id)).map((r) => r.name);
  const sure = await confirmAction(
    `Сформировать группу курса ${code}: зачислить ${present.length}${absent.length ? `, отметить как не явившихся ${absent.length}` : ''}?`,
    absent.length ? [`Не явились (уйдут в архив, им придёт письмо): ${absent.join(', ')}`] : [],
    'Да, сформировать',
  );
  if (!sure) return;
  const r = await busy(button, statusEl, `Формирую группу: ${present.length} присутствуют, ${absent.length} не явились…`, () =>
    call('formGroup', { code, present }),
  );
  if (!r) return;
  await afterChange(code, r.view);
  done(statusEl, `Группа ${r.group} сформирована: зачислено ${r.enrolled}${absent.length ? `, не явились ${r.absent}: ${absent.join(', ')}` : ''}.`);
};

const late = async (code: string, group: string, ids: string[], button: HTMLButtonElement): Promise<void> => {
  if (!ids.length) {
    say(statusEl, 'Отметьте опоздавших.', 'error');
    return;
  }
  const r = await busy(button, statusEl, 'Добавляю в группу…', () => call('addLateArrivals', { code, group, ids }));
  if (!r) return;
  await afterChange(code, r.view);
  done(statusEl, `В группу ${r.group} добавлено: ${r.enrolled}.`);
};

const withdrawOne = async (code: string, id: string, name: string, button: HTMLButtonElement): Promise<void> => {
  if (!(await confirmAction(`Отметить заявку ${name} (${id}) как отозванную?`, ['Заявка уйдёт в архив, слушателю придёт письмо.'], 'Да, отозвана'))) return;
  const r = await busy(button, statusEl, `Отмечаю отзыв заявки ${name}…`, () => call('withdrawApplication', { id, reason: 'по заявлению слушателя' }));
  if (!r) return;
  await afterChange(code, r.view);
  done(statusEl, `Заявка ${id} (${name}) отозвана и перенесена в архив.`);
};

const showCompletion = async (code: string, group: string): Promise<void> => {
  const c = await busy(null, statusEl, 'Загрузка группы…', () => call('getGroupCompletion', { group }));
  if (c) renderCompletion(code, group, c);
};

const renderCompletion = (code: string, group: string, c: Completion): void => {
  say(statusEl, '');
  const archived = c.status === 'в архиве';
  const docs = h('div', {});
  if (c.documents.length || c.documentsState) renderDocuments(docs, c.documents, c.documentsState);
  const lines = c.learners.map((l) => {
    const outcome = select(
      [
        ['completed', 'завершил'],
        ['expelled', 'отчислен'],
      ],
      l.outcome || 'completed',
    );
    outcome.setAttribute('aria-label', `Итог: ${l.name}`);
    // The reason only where it is needed (issue 18): shown when «отчислен» is chosen.
    const reason = h('input', { type: 'text', value: l.outcomeReason, placeholder: 'причина отчисления', 'aria-label': `Причина отчисления: ${l.name}` });
    const needed = () => (reason.hidden = outcome.value !== 'expelled');
    outcome.addEventListener('change', () => {
      needed();
      if (!reason.hidden) reason.focus();
    });
    needed();
    const fix = l.missing.length
      ? h(
          'div',
          { class: 'field-error', role: 'alert' },
          `Не хватает: ${l.missing.map((m) => m.label).join(', ')}. `,
          h('button', { type: 'button', class: 'link', onClick: () => void fixLearner(code, group, l.id, l.name, l.missing) }, 'исправить'),
        )
      : null;
    return {
      l,
      outcome,
      reason,
      // A compact row (issue 18: 85–120-px cards made a 25-person group 3,000 px long).
      el: h(
        'div',
        { class: 'person' },
        h('div', { class: 'who' }, h('strong', {}, l.name), ' ', h('span', { class: 'muted' }, `${l.regNumber ? `№ ${l.regNumber} · ` : ''}${l.organization}`)),
        archived ? null : outcome,
        archived ? null : reason,
        fix,
      ),
    };
  });
  showView(
    app,
    h(
      'div',
      {},
      h('h1', {}, `Завершение обучения: ${group}`),
      h('p', { class: 'muted' }, `Состояние: ${c.status}. Завершившим присваиваются регистрационные номера удостоверений (по порядку за год).`),
      ...lines.map((x) => x.el),
      archived
        ? null
        : h(
            'div',
            { class: 'row' },
            h(
              'button',
              { type: 'button', class: 'action', onClick: (e: Event) => void finish(code, group, lines, e.currentTarget as HTMLButtonElement) },
              'Завершить обучение',
            ),
            c.status === 'обучение завершено'
              ? h('button', { type: 'button', onClick: (e: Event) => void toArchive(code, group, e.currentTarget as HTMLButtonElement) }, 'Перенести в архив')
              : null,
          ),
      h(
        'div',
        { class: 'row' },
        h('button', { type: 'button', onClick: (e: Event) => void makeDocuments(group, docs, e.currentTarget as HTMLButtonElement) }, 'Документы группы'),
        h('button', { type: 'button', onClick: () => void showAttendance(code) }, 'Назад'),
      ),
      docs,
    ),
  );
};

/** The group's document links («Название: ссылка» lines) and the state of the last request. */
const renderDocuments = (target: HTMLElement, links: readonly string[], state: string): void => {
  clear(target);
  const items = links.map((line) => {
    const at = line.indexOf(': ');
    const title = at > 0 ? line.slice(0, at) : line;
    const link = at > 0 ? line.slice(at + 2) : '';
    return h('li', {}, /^https?:\/\/|^\//.test(link) ? h('a', { href: link, target: '_blank', rel: 'noopener' }, title) : title);
  });
  target.append(h('h2', {}, 'Документы'));
  if (state) target.append(h('p', { class: 'hint' }, `Запрос: ${state}`));
  target.append(items.length ? h('ul', { class: 'counts' }, ...items) : h('p', { class: 'hint' }, 'Документы ещё не сформированы.'));
};

const makeDocuments = async (group: string, target: HTMLElement, button: HTMLButtonElement) => {
  const r = await busy(button, statusEl, 'Отправляю запрос…', () => call('generateDocuments', { group }));
  if (!r) return;
  renderDocuments(target, r.links, r.state);
  done(statusEl, `Запрос принят: ${r.state} Повторное формирование заменяет прежние версии.`);
};

const finish = async (
  code: string,
  group: string,
  lines: Array<{ l: { id: string; name: string }; outcome: HTMLSelectElement; reason: HTMLInputElement }>,
  button: HTMLButtonElement,
) => {
  const outcomes = lines.map((x) => ({ id: x.l.id, outcome: x.outcome.value as 'completed' | 'expelled', reason: x.reason.value }));
  const expelled = lines.filter((x) => x.outcome.value === 'expelled').map((x) => x.l.name);
  const sure = await confirmAction(
    `Завершить обучение группы ${group}: удостоверений ${outcomes.length - expelled.length}${expelled.length ? `, отчислить ${expelled.length}` : ''}?`,
    [
      'Завершившим присваиваются регистрационные номера удостоверений; номера не освобождаются.',
      ...(expelled.length ? [`Отчисляются: ${expelled.join(', ')}`] : []),
    ],
    'Да, завершить',
  );
  if (!sure) return;
  const r = await busy(button, statusEl, 'Завершаю обучение…', () => call('completeGroup', { group, outcomes }));
  if (!r) return;
  if (r.view) renderCompletion(code, group, r.view);
  else await showCompletion(code, group);
  done(
    statusEl,
    `Обучение завершено: удостоверений ${r.completed}${r.numbers.length ? ` (№ ${r.numbers[0]}–${r.numbers[r.numbers.length - 1]})` : ''}, отчислено ${r.expelled}. Теперь группу можно перенести в архив.`,
  );
};

const toArchive = async (code: string, group: string, button: HTMLButtonElement) => {
  if (
    !(await confirmAction(
      `Перенести группу ${group} в архив?`,
      ['Сначала сформируйте документы группы. Итоги после переноса меняет только сектор.'],
      'Да, в архив',
    ))
  )
    return;
  const r = await busy(button, statusEl, 'Переношу группу в архив…', () => call('archiveGroup', { group }));
  if (!r) return;
  await afterChange(code, r.view);
  done(statusEl, `Группа ${group} перенесена в архив: ${r.archived} чел.`);
};

/** The fields a leader may correct here, by key, with the format the server expects. */
const FIX_LABELS: Record<string, string> = {
  snils: 'СНИЛС (например, 112-233-445 95)',
  birthDate: 'Дата рождения (дд.мм.гггг)',
  sex: 'Пол (мужской / женский)',
  educationLevel: 'Уровень образования (высшее / среднее профессиональное)',
};

const fixLearner = async (code: string, group: string, id: string, name: string, missing: Array<{ key: string }>) => {
  const inputs = missing.filter((m) => FIX_LABELS[m.key]).map((m) => ({ key: m.key, input: h('input', { type: 'text' }), label: FIX_LABELS[m.key] }));
  const form = h(
    'form',
    { novalidate: true },
    h('h1', {}, `Данные слушателя: ${name}`),
    ...inputs.map((i) => field(i.label, i.input, i.key)),
    h(
      'div',
      { class: 'row' },
      h('button', { type: 'submit', class: 'action' }, 'Сохранить'),
      h('button', { type: 'button', onClick: () => void showCompletion(code, group) }, 'Отмена'),
    ),
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const payload: Record<string, string> = { id };
    inputs.forEach((i) => (payload[i.key] = i.input.value));
    let fields: Record<string, string> = {};
    const r = await busy(form.querySelector('[type=submit]') as HTMLButtonElement, statusEl, 'Сохраняю…', () =>
      call('correctLearner', payload as { id: string }).catch((err) => {
        fields = fieldsOf(err);
        throw err;
      }),
    );
    showFieldErrors(form, fields);
    if (!r) return;
    await showCompletion(code, group);
    done(statusEl, `Данные ${name} исправлены.`);
  });
  showView(app, form);
};

const showFrdo = (): void => {
  const year = bankToday().getFullYear();
  const from = h('input', { type: 'date', value: `${year}-01-01` });
  const to = h('input', { type: 'date', value: `${year}-12-31` });
  const result = h('div', {});
  const form = h(
    'form',
    { novalidate: true },
    h('h1', {}, 'Выгрузка в ФИС ФРДО'),
    h(
      'p',
      { class: 'muted' },
      'Удостоверения, выданные за период, в столбцах шаблона ФИС ФРДО (порядок и заголовки — лист «ФИС ФРДО — столбцы»). Результат — лист «ФРДО <период>» в таблице банка.',
    ),
    field('С', from, 'from'),
    field('По', to, 'to'),
    h(
      'div',
      { class: 'row' },
      h('button', { type: 'submit', class: 'action' }, 'Выгрузить'),
      h('button', { type: 'button', onClick: () => void showList() }, 'К списку курсов'),
    ),
    result,
  );
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const r = await busy(form.querySelector('[type=submit]') as HTMLButtonElement, statusEl, 'Готовлю выгрузку…', () =>
      call('exportFrdo', { from: from.value, to: to.value, subdivision: '' }),
    );
    if (!r) return;
    clear(result);
    result.append(h('p', {}, `Лист «${r.sheet}»: строк ${r.exported}.`));
    if (r.problems.length)
      result.append(
        h(
          'div',
          {},
          h('h2', {}, `Не выгружены (не хватает данных): ${r.problems.length}`),
          h('ul', { class: 'counts' }, ...r.problems.map((p) => h('li', {}, p))),
        ),
      );
    done(statusEl, `Выгрузка готова: строк ${r.exported}${r.problems.length ? `, с пропусками ${r.problems.length}` : ''}.`);
  });
  showView(app, form);
};

const showStats = (): void => {
  showView(
    app,
    h(
      'div',
      {},
      h('h1', {}, 'Статистика'),
      statsForm(statusEl, 'getStatistics', null),
      h('div', { class: 'row' }, h('button', { type: 'button', onClick: () => void showList() }, 'К списку курсов')),
    ),
  );
};

void showList();
