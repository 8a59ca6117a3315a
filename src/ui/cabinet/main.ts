// «Кабинет подразделения»: the subdivision's courses, attendance and groups, read from the cabinet's own sheets; every
// action becomes a request on the person's own sheet, carried out at once by the master's web app (or by the bank's job
// within minutes), and its outcome is shown here.
import type { CabinetApi, CabinetCourse, CabinetRequestArgs, CabinetView } from '../../app/rpc-contract';
import { headBoard } from '../shared/board-view';
import { courseForm, newCourse } from '../shared/course-form';
import { busy, checkAll, confirmAction, done, field, h, ruDate, say, select, showFieldErrors, showView, unavailable } from '../shared/dom';
import { fieldsOf, invoke } from '../shared/rpc-client';
import { figuresView, periodPicker } from '../shared/stats-view';

const call = <K extends keyof CabinetApi>(fn: K, args: CabinetApi[K]['args']) => invoke(fn, args) as Promise<CabinetApi[K]['result']>;

const app = document.getElementById('app') as HTMLElement;
const statusEl = document.getElementById('status') as HTMLElement;
type Item = CabinetView['courses'][number];

let view: CabinetView | null = null;

const load = async (then?: () => void | Promise<void>): Promise<void> => {
  const r = await busy(null, statusEl, 'Загружаю кабинет…', () => call('getCabinet', {}));
  if (!r) {
    if (!view) unavailable(app);
    return;
  }
  view = r;
  say(statusEl, '');
  await (then ?? renderHome)();
};

/** What to ask before a one-way request (issue 18): the question, what will happen and to whom, the confirming button. */
interface Sure {
  readonly title: string;
  readonly details: readonly string[];
  readonly yes: string;
}

/** What the bank's web app said of one request: carried out or refused now (and of which field), or null. */
type Outcome = { readonly state: string; readonly result: string; readonly fields?: Record<string, string> } | null;

/**
 * Asks the master's web app to carry out this cabinet's waiting requests now (DESIGN §8; the browser asks, so the
 * cabinet script needs no permission to reach the internet). Null when there is no web app, it refused (busy, too
 * often) or did not answer: the owner's job then carries the request at its next run.
 */
const runNow = async (id: string): Promise<Outcome> => {
  const w = view?.runNow;
  if (!w) return null;
  try {
    const res = await fetch(w.url, { method: 'POST', body: new URLSearchParams({ cabinet: w.cabinet }) });
    const a = (await res.json()) as { ok: boolean; value?: { results: Array<NonNullable<Outcome> & { id: string }> } };
    return (a.ok && a.value?.results.find((x) => x.id === id)) || null;
  } catch (_e) {
    return null;
  }
};

/**
 * Sends a request and asks for it to be carried out at once; shows its outcome in the status line (or, when the web
 * app could not do it now, that the job will). Reloads so the request shows in «Мои запросы». With `form`, what is
 * wrong with a field is shown beside it — refused by the cabinet before writing, or by the bank — and a refused form
 * stays on screen to be corrected. Resolves true when the request was carried out or left to the job.
 */
const ask = async (
  button: HTMLButtonElement,
  running: string,
  request: CabinetRequestArgs,
  then?: () => void | Promise<void>,
  sure?: Sure,
  form?: HTMLElement,
): Promise<boolean> => {
  if (sure && !(await confirmAction(sure.title, sure.details, sure.yes))) return false;
  let fields: Record<string, string> = {};
  const r = await busy(button, statusEl, running, () =>
    call('submitRequest', request).catch((e) => {
      fields = fieldsOf(e);
      throw e;
    }),
  );
  if (form) showFieldErrors(form, fields);
  if (!r) return false;
  const now = await busy(button, statusEl, 'Банк выполняет запрос…', () => runNow(r.id));
  const refused = now?.state === 'ошибка';
  await load(refused && form ? () => undefined : then);
  if (form) showFieldErrors(form, refused ? (now.fields ?? {}) : {});
  if (!now) done(statusEl, `Запрос принят — ${r.state}.`);
  else if (refused) say(statusEl, `Не выполнено: ${now.result}`, 'error');
  else done(statusEl, `Выполнено: ${now.result}`);
  return !refused;
};

/** A request's result with its links clickable (a document, the ФИС ФРДО file). */
const withLinks = (text: string): HTMLElement =>
  h(
    'div',
    {},
    ...text
      .split(/(https?:\/\/\S+|\/documents\/\S+)/)
      .map((part, i) => (i % 2 ? h('a', { href: part, target: '_blank', rel: 'noopener' }, 'открыть файл') : part)),
  );

const fio = (r: Item) => [r.lastName, r.firstName, r.middleName].filter(Boolean).join(' ');

/** The person's own requests, newest first: the action in words, what it was about, what became of it. */
const requestsList = (v: CabinetView) =>
  h(
    'section',
    {},
    h('h2', {}, 'Мои запросы'),
    v.requests.length
      ? h(
          'ul',
          { class: 'counts' },
          ...v.requests.map((q) =>
            h(
              'li',
              {},
              h('strong', {}, `${q.action}: ${q.state}`),
              h('div', { class: 'hint' }, `${q.about} · ${ruDate(String(q.at).slice(0, 10))}`),
              q.result ? withLinks(String(q.result)) : null,
            ),
          ),
        )
      : h('p', { class: 'hint' }, 'Запросов пока нет.'),
  );

const renderHome = (): void => {
  const v = view as CabinetView;
  showView(
    app,
    h('h1', {}, `Кабинет: ${v.subdivision}`),
    h(
      'p',
      { class: 'hint' },
      `Вы: ${v.me.name || v.me.email} — ${v.me.role}. ${v.runNow ? 'Запросы банк выполняет сразу; если не сможет — фоновое задание' : 'Запросы выполняет фоновое задание банка'}, не позже чем через ${v.everyMinutes} минут.`,
    ),
    h(
      'div',
      { class: 'row' },
      leads(v) ? h('button', { type: 'button', class: 'action', onClick: () => editCourse(null) }, 'Новый курс') : '',
      h('button', { type: 'button', onClick: () => renderFrdo() }, 'Выгрузка в ФИС ФРДО'),
      h('button', { type: 'button', onClick: () => renderStats() }, 'Статистика за период'),
    ),
    h('h2', {}, 'Курсы подразделения'),
    v.courses.length
      ? h(
          'ul',
          { class: 'counts' },
          ...v.courses.map((c) => {
            const open = c.enrolment === 'открыт';
            return h(
              'li',
              {},
              h('strong', {}, `${c.code} — ${c.title}`),
              h(
                'div',
                { class: 'hint' },
                `${c.dates}; ${ENROLMENT_WORDS[String(c.enrolment)] ?? `запись: ${c.enrolment}`}; у методистов ${c.atMethodists}, в копилке ${c.atProvider}, в группах ${c.inGroups}; мест ${c.capacity}`,
              ),
              c.capacityWarning ? h('p', { class: 'warn', role: 'note' }, String(c.capacityWarning)) : null,
              h(
                'div',
                { class: 'row' },
                h(
                  'button',
                  {
                    type: 'button',
                    onClick: (e: Event) =>
                      void ask(
                        e.currentTarget as HTMLButtonElement,
                        'Отправляю запрос…',
                        { kind: 'setEnrolment', args: { code: String(c.code), state: open ? 'закрыт' : 'открыт' } },
                        undefined,
                        open && Number(c.atMethodists) > 0
                          ? {
                              title: `Закрыть запись на курс ${c.code}? У методистов ещё ${c.atMethodists} заявок.`,
                              details: ['Новые заявки приниматься не будут; заявки у методистов останутся у них.'],
                              yes: 'Да, закрыть запись',
                            }
                          : undefined,
                      ),
                  },
                  open ? 'Закрыть запись' : 'Открыть запись',
                ),
                leads(v) ? h('button', { type: 'button', onClick: () => editCourse(String(c.code)) }, 'Изменить курс') : '',
                h('button', { type: 'button', class: 'action', onClick: () => void openCourse(String(c.code)) }, 'Явка и группы'),
              ),
            );
          }),
        )
      : h('p', { class: 'hint' }, 'Курсов подразделения пока нет.'),
    statsBlock(v),
    v.me.role === 'начальник' ? headBoard(v.board) : '',
    v.me.role === 'начальник' ? peopleBlock(v) : '',
    requestsList(v),
  );
};

/** A course's enrolment as a phrase («запись открыта», not «запись: открыт»). */
const ENROLMENT_WORDS: Readonly<Record<string, string>> = {
  открыт: 'запись открыта',
  закрыт: 'запись закрыта',
  черновик: 'черновик: в форме не виден',
};

/** Course leaders create and edit courses; the head sees them (as the bank's roles say: the job checks again). */
const leads = (v: CabinetView): boolean => v.me.role === 'руководитель';

/** «Новый курс» / «Изменить курс»: the card with its quotas, saved by a request carried out at once. */
const editCourse = (code: string | null): void => {
  const v = view as CabinetView;
  const card = code ? v.cards.find((c) => c.code === code) : undefined;
  showView(
    app,
    courseForm({
      course: card ?? newCourse(''),
      editing: !!card,
      territories: v.territories,
      cancel: () => renderHome(),
      save: (course, form, button) => void ask(button, 'Сохраняю курс…', { kind: 'saveCourse', args: course }, () => renderHome(), undefined, form),
    }),
  );
};

/**
 * A request for a period (the current year's presets or own dates): `intro` above the dates, `below` under the button;
 * what goes wrong is shown beside the dates, and the form stays.
 */
const periodRequest = (
  title: string,
  intro: HTMLElement | null,
  submit: string,
  kind: 'exportFrdoFile' | 'getStatistics',
  then: () => void,
  below: HTMLElement | null,
): void => {
  const { from, to, fields } = periodPicker();
  const form = h(
    'form',
    { novalidate: true },
    h('h1', {}, title),
    intro,
    ...fields,
    h('div', { class: 'row' }, h('button', { type: 'submit', class: 'action' }, submit), h('button', { type: 'button', onClick: () => renderHome() }, 'Назад')),
    below,
  ) as HTMLFormElement;
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void ask(
      form.querySelector('[type=submit]') as HTMLButtonElement,
      'Отправляю запрос…',
      { kind, args: { from: from.value, to: to.value } },
      then,
      undefined,
      form,
    );
  });
  showView(app, form);
};

/** ФИС ФРДО for the subdivision and a period: a file in the subdivision's documents, its link in «Мои запросы». */
const renderFrdo = (): void =>
  periodRequest(
    'Выгрузка в ФИС ФРДО',
    h(
      'p',
      { class: 'hint' },
      'Удостоверения курсов подразделения, выданные за период, в столбцах шаблона ФИС ФРДО. Банк кладёт файл (CSV для Excel) в папку документов подразделения; ссылка появится в «Моих запросах». В файле есть СНИЛС и даты рождения: храните его как персональные данные.',
    ),
    'Выгрузить',
    'exportFrdoFile',
    () => renderHome(),
    null,
  );

/** The subdivision's statistics for a period (the sector's report): asked for, then read from «Статистика за период». */
const renderStats = (): void => {
  const v = view as CabinetView;
  periodRequest(
    'Статистика за период',
    null,
    'Показать',
    'getStatistics',
    () => renderStats(),
    v.periodStats
      ? h('div', {}, h('p', { class: 'hint' }, `Последний отчёт запросил(а) ${v.periodStats.asked}.`), figuresView(v.periodStats.figures))
      : h('p', { class: 'hint' }, 'Отчётов пока не запрашивали.'),
  );
};

/** A learner's own data (СНИЛС and the birth date stay with the sector: the cabinet never holds them). */
const CORRECTABLE: ReadonlyArray<[string, string]> = [
  ['lastName', 'Фамилия'],
  ['firstName', 'Имя'],
  ['middleName', 'Отчество'],
  ['email', 'Эл. почта'],
  ['organization', 'Организация'],
  ['position', 'Должность'],
];

const SEX_CHOICES: Array<[string, string]> = [
  ['', 'не менять'],
  ['мужской', 'мужской'],
  ['женский', 'женский'],
];
const LEVEL_CHOICES: Array<[string, string]> = [
  ['', 'не менять'],
  ['высшее', 'высшее'],
  ['среднее профессиональное', 'среднее профессиональное'],
];

/** «Исправить данные»: what is changed is sent; the certificate's sex, education and diploma surname when missing. */
const renderCorrection = (code: string, l: Item): void => {
  const own = CORRECTABLE.map(([key, label]) => ({
    key,
    label,
    input: h('input', { type: key === 'email' ? 'email' : 'text', value: String(l[key] ?? ''), maxlength: '300' }),
  }));
  const sex = select(SEX_CHOICES);
  const level = select(LEVEL_CHOICES);
  const diploma = h('input', { type: 'text', maxlength: '100' });
  const form = h(
    'form',
    { novalidate: true },
    h('h1', {}, `Данные слушателя: ${fio(l)}`),
    h('p', { class: 'hint' }, `Заявка ${l.id}. СНИЛС и дату рождения исправляет сектор ИРО ПК.`),
    ...own.map((o) => field(o.label, o.input, o.key)),
    field('Пол (для удостоверения)', sex, 'sex'),
    field('Уровень образования', level, 'educationLevel'),
    field('Фамилия в дипломе (если отличается)', diploma, 'diplomaLastName'),
    h(
      'div',
      { class: 'row' },
      h('button', { type: 'submit', class: 'action' }, 'Сохранить'),
      h('button', { type: 'button', onClick: () => void openCourse(code) }, 'Отмена'),
    ),
  ) as HTMLFormElement;
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const args: Record<string, string> = { id: String(l.id) };
    for (const o of own) if (o.input.value !== String(l[o.key] ?? '')) args[o.key] = o.input.value;
    if (sex.value) args.sex = sex.value;
    if (level.value) args.educationLevel = level.value;
    if (diploma.value.trim()) args.diplomaLastName = diploma.value;
    if (Object.keys(args).length === 1) {
      say(statusEl, 'Ничего не изменено.', 'error');
      return;
    }
    void ask(
      form.querySelector('[type=submit]') as HTMLButtonElement,
      'Отправляю запрос…',
      { kind: 'correctLearner', args: args as { id: string } },
      () => openCourse(code),
      undefined,
      form,
    );
  });
  showView(app, form);
};

/** The course's territories with their methodists to call and what waits with them (issue 17: leader ⇄ methodist). */
const territoriesBlock = (v: CabinetView, code: string): HTMLElement => {
  const course = v.board.courses.find((c) => c.code === code);
  return h(
    'section',
    {},
    h('h2', {}, 'Территории и методисты'),
    course?.territories.length
      ? h(
          'ul',
          { class: 'counts' },
          ...course.territories.map((t) =>
            h(
              'li',
              {},
              h('strong', {}, t.name),
              h(
                'div',
                { class: 'hint' },
                Object.entries(t.counts)
                  .map(([k, n]) => `${k}: ${n}`)
                  .join(', '),
              ),
              h('div', {}, t.methodists.map((m) => [m.name, m.email, m.phone].filter(Boolean).join(', ')).join('; ') || 'методист не назначен'),
            ),
          ),
        )
      : h('p', { class: 'hint' }, 'Заявок на курс пока нет.'),
  );
};

const statsBlock = (v: CabinetView) =>
  h(
    'section',
    {},
    h('h2', {}, 'Статистика подразделения за год'),
    h('p', { class: 'hint' }, 'Обновляется раз в день, утром.'),
    v.stats.length
      ? h(
          'ul',
          { class: 'counts' },
          ...v.stats.map((r) => h('li', {}, `${r.course}: подано ${r.submitted}, зачислено ${r.grouped}, завершили ${r.completed}, не явились ${r.absent}`)),
        )
      : h('p', { class: 'hint' }, 'Заявок в этом году пока нет.'),
  );

/** The head's «перечень паролей»: the subdivision's leaders; adding and revoking are requests. */
const peopleBlock = (v: CabinetView) => {
  const email = h('input', { type: 'email', autocomplete: 'off', maxlength: '200', 'aria-label': 'Эл. почта нового руководителя' });
  const name = h('input', { type: 'text', maxlength: '200', 'aria-label': 'ФИО нового руководителя' });
  // A wrong address is answered beside the field (the cabinet checks it before writing the request).
  const adding: HTMLElement = h(
    'div',
    {},
    field('Эл. почта (аккаунт Google)', email, 'email'),
    field('ФИО', name, 'name'),
    h(
      'button',
      {
        type: 'button',
        onClick: (e: Event) =>
          void ask(
            e.currentTarget as HTMLButtonElement,
            'Отправляю запрос…',
            { kind: 'grantAccess', args: { email: email.value, role: 'leader', scope: '', name: name.value } },
            undefined,
            undefined,
            adding,
          ),
      },
      'Добавить руководителя',
    ),
  );
  return h(
    'section',
    {},
    h('h2', {}, 'Руководители курсов'),
    h(
      'ul',
      { class: 'counts' },
      ...v.people
        .filter((p) => p.role === 'руководитель')
        .map((p) =>
          h(
            'li',
            {},
            `${p.name || p.email} (${p.email}) `,
            h(
              'button',
              {
                type: 'button',
                'aria-label': `Отозвать доступ ${p.email}`,
                onClick: (e: Event) =>
                  void ask(e.currentTarget as HTMLButtonElement, 'Отправляю запрос…', { kind: 'revokeAccess', args: { email: String(p.email) } }, undefined, {
                    title: `Отозвать доступ ${p.email}?`,
                    details: ['Кабинет закроется для него после обработки запроса.'],
                    yes: 'Да, отозвать',
                  }),
              },
              'отозвать',
            ),
          ),
        ),
    ),
    adding,
  );
};

/** Forming a group: who is enrolled and who becomes «не явился», by name. */
const formSure = (code: string, boxes: ReadonlyArray<{ r: Item; box: HTMLInputElement }>): Sure => {
  const absent = boxes.filter((b) => !b.box.checked).map((b) => fio(b.r));
  return {
    title: `Сформировать группу курса ${code}: зачислить ${boxes.length - absent.length}${absent.length ? `, отметить как не явившихся ${absent.length}` : ''}?`,
    details: absent.length ? [`Не явились (уйдут в архив, им придёт письмо): ${absent.join(', ')}`] : [],
    yes: 'Да, сформировать',
  };
};

/** Completing a group: certificates are numbered for good; who is expelled, by name. */
const completeSure = (group: string, learners: ReadonlyArray<{ l: Item; outcome: HTMLSelectElement }>): Sure => {
  const expelled = learners.filter((x) => x.outcome.value === 'expelled').map((x) => fio(x.l));
  return {
    title: `Завершить обучение группы ${group}: удостоверений ${learners.length - expelled.length}${expelled.length ? `, отчислить ${expelled.length}` : ''}?`,
    details: [
      'Завершившим присваиваются регистрационные номера удостоверений; номера не освобождаются.',
      ...(expelled.length ? [`Отчисляются: ${expelled.join(', ')}`] : []),
    ],
    yes: 'Да, завершить',
  };
};

/** A course's people, loaded when it is opened (the cabinet opens without them, whatever the subdivision's size). */
const openCourse = async (code: string): Promise<void> => {
  const people = await busy(null, statusEl, 'Загружаю курс…', () => call('getCabinetCourse', { code }));
  if (!people) return;
  say(statusEl, '');
  renderCourse(code, people);
};

const renderCourse = (code: string, people: CabinetCourse): void => {
  const v = view as CabinetView;
  const waiting = people.provider;
  const boxes = waiting.map((r) => {
    const box = h('input', { type: 'checkbox', checked: r.present === true, 'aria-label': `Присутствует: ${fio(r)}` });
    return { r, box };
  });
  const marked = () => boxes.filter((b) => b.box.checked).map((b) => String(b.r.id));
  const groups = v.registry.filter((g) => g.course === code);
  const open = groups.filter((g) => g.status === 'сформирована').map((g): [string, string] => [String(g.group), String(g.group)]);
  const groupChoice = select(open);
  groupChoice.setAttribute('aria-label', 'Группа для опоздавших');
  // A group with no room left is answered beside the choice of group.
  const late: HTMLElement = h(
    'div',
    {},
    field('Группа для опоздавших', groupChoice, 'group'),
    h(
      'button',
      {
        type: 'button',
        onClick: (e: Event) =>
          void ask(
            e.currentTarget as HTMLButtonElement,
            'Отправляю запрос…',
            { kind: 'addLateArrivals', args: { code, group: groupChoice.value, ids: marked() } },
            () => openCourse(code),
            {
              title: `Добавить в группу ${groupChoice.value}: ${boxes.filter((b) => b.box.checked).length} чел.?`,
              details: [
                `Зачисляются: ${boxes
                  .filter((b) => b.box.checked)
                  .map((b) => fio(b.r))
                  .join(', ')}`,
                'Им придёт письмо о зачислении.',
              ],
              yes: 'Да, добавить',
            },
            late,
          ),
      },
      'Добавить отмеченных в группу',
    ),
  );
  const reason = h('input', { type: 'text', 'aria-label': 'Причина отзыва', placeholder: 'причина отзыва' });
  showView(
    app,
    h('h1', {}, `Курс ${code}`),
    h('h2', {}, 'Явка (копилка поставщика)'),
    boxes.length > 1
      ? checkAll(
          boxes.map((b) => b.box),
          () => undefined,
        )
      : '',
    boxes.length
      ? h(
          'ul',
          { class: 'counts' },
          ...boxes.map(({ r, box }) =>
            h(
              'li',
              {},
              h('label', {}, box, ` ${fio(r)}, ${r.organization} (${r.territory})`),
              h(
                'button',
                {
                  type: 'button',
                  // The visible word is part of the name a screen reader says (axe: label-content-name-mismatch).
                  'aria-label': `Отозвана: ${fio(r)}`,
                  onClick: (e: Event) =>
                    void ask(
                      e.currentTarget as HTMLButtonElement,
                      'Отправляю запрос…',
                      { kind: 'withdrawApplication', args: { id: String(r.id), reason: reason.value } },
                      () => openCourse(code),
                      { title: `Отметить заявку ${fio(r)} как отозванную?`, details: ['Заявка уйдёт в архив, слушателю придёт письмо.'], yes: 'Да, отозвана' },
                    ),
                },
                'отозвана',
              ),
            ),
          ),
        )
      : h('p', { class: 'hint' }, 'В копилке поставщика нет заявок этого курса.'),
    boxes.length ? h('label', {}, 'Причина отзыва ', reason) : '',
    boxes.length
      ? h(
          'div',
          { class: 'row' },
          h(
            'button',
            {
              type: 'button',
              onClick: async (e: Event) => {
                const r = await busy(e.currentTarget as HTMLButtonElement, statusEl, 'Сохраняю отметки…', () =>
                  call('saveAttendance', { code, present: marked() }),
                );
                if (r) done(statusEl, `Отметки сохранены: присутствуют ${r.marked}.`);
              },
            },
            'Сохранить отметки',
          ),
          h(
            'button',
            {
              type: 'button',
              class: 'action',
              onClick: (e: Event) =>
                void ask(
                  e.currentTarget as HTMLButtonElement,
                  'Отправляю запрос…',
                  { kind: 'formGroup', args: { code, present: marked() } },
                  () => openCourse(code),
                  formSure(code, boxes),
                ),
            },
            'Сформировать группу',
          ),
        )
      : '',
    open.length && boxes.length ? late : '',
    h('h2', {}, 'Группы курса'),
    groups.length ? h('div', {}, ...groups.map((g) => groupBlock(code, g, people))) : h('p', { class: 'hint' }, 'Групп пока нет.'),
    undoForm(code),
    territoriesBlock(v, code),
    h('div', { class: 'row' }, h('button', { type: 'button', onClick: () => renderHome() }, 'Назад')),
  );
};

/** Undo of a wrong «не явился», «отозвана» or «отчислен» (issue 16): the number from «Журнал» or the teacher's letter. */
const undoForm = (code: string): HTMLElement => {
  const id = h('input', { type: 'text', maxlength: '11', placeholder: '2026-000123', 'aria-label': 'Номер заявки' });
  const why = h('input', { type: 'text', maxlength: '500', 'aria-label': 'Причина исправления' });
  return h(
    'section',
    {},
    h('h2', {}, 'Исправить ошибочную отметку'),
    h(
      'p',
      { class: 'hint' },
      '«Не явился» и «отозвана» вернутся в копилку поставщика, «отчислен» — в группу. Руководитель может исправить отметку в течение срока из «Настроек» банка (обычно 14 дней), позже — только сектор.',
    ),
    h('label', {}, 'Номер заявки ', id),
    h('label', {}, 'Причина ', why),
    h(
      'button',
      {
        type: 'button',
        onClick: (e: Event) => {
          if (!id.value.trim() || !why.value.trim()) {
            say(statusEl, 'Укажите номер заявки и причину исправления.', 'error');
            return;
          }
          void ask(
            e.currentTarget as HTMLButtonElement,
            'Отправляю запрос…',
            { kind: 'undoMark', args: { id: id.value.trim(), reason: why.value.trim() } },
            () => openCourse(code),
            {
              title: `Вернуть заявку ${id.value.trim()}?`,
              details: ['«Не явился» и «отозвана» вернутся в копилку поставщика, «отчислен» — в группу.', `Причина: ${why.value.trim()}`],
              yes: 'Да, вернуть',
            },
          );
        },
      },
      'Вернуть заявку',
    ),
  );
};

const groupBlock = (code: string, g: Item, people: CabinetCourse): HTMLElement => {
  const v = view as CabinetView;
  const group = String(g.group);
  const learners = people.groups
    .filter((x) => x.group === group)
    .map((l) => {
      const outcome = select(
        [
          ['completed', 'завершил'],
          ['expelled', 'отчислен'],
        ],
        l.outcome === 'отчислен' ? 'expelled' : 'completed',
      );
      outcome.setAttribute('aria-label', `Итог: ${fio(l)}`);
      // The reason only where it is needed (issue 18): shown when «отчислен» is chosen.
      const why = h('input', { type: 'text', placeholder: 'причина отчисления', 'aria-label': `Причина отчисления: ${fio(l)}` });
      const needed = () => (why.hidden = outcome.value !== 'expelled');
      outcome.addEventListener('change', () => {
        needed();
        if (!why.hidden) why.focus();
      });
      needed();
      return { l, outcome, why };
    });
  const links = String(g.documents || '')
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const at = line.indexOf(': ');
      return h('li', {}, at > 0 ? h('a', { href: line.slice(at + 2), target: '_blank', rel: 'noopener' }, line.slice(0, at)) : line);
    });
  const formed = g.status === 'сформирована';
  return h(
    'section',
    {},
    h('h3', {}, `${group} — ${g.status}, слушателей ${g.size}`),
    h(
      'ul',
      { class: 'counts' },
      ...learners.map(({ l, outcome, why }) =>
        h(
          'li',
          { class: 'person' },
          h('span', { class: 'who' }, `${fio(l)}${l.regNumber ? `, № ${l.regNumber}` : ''}${l.missing ? ` — не хватает: ${l.missing}` : ''}`),
          formed ? outcome : '',
          formed ? why : '',
          leads(v) && g.status !== 'в архиве'
            ? h(
                'button',
                { type: 'button', class: 'link', 'aria-label': `Исправить данные: ${fio(l)}`, onClick: () => renderCorrection(code, l) },
                'исправить данные',
              )
            : '',
        ),
      ),
    ),
    links.length ? h('ul', {}, ...links) : '',
    g.documentsState ? h('p', { class: 'hint' }, `Документы: ${g.documentsState}`) : '',
    h(
      'div',
      { class: 'row' },
      formed
        ? h(
            'button',
            {
              type: 'button',
              class: 'action',
              onClick: (e: Event) =>
                void ask(
                  e.currentTarget as HTMLButtonElement,
                  'Отправляю запрос…',
                  {
                    kind: 'completeGroup',
                    args: {
                      group,
                      outcomes: learners.map((x) => ({ id: String(x.l.id), outcome: x.outcome.value as 'completed' | 'expelled', reason: x.why.value })),
                    },
                  },
                  () => openCourse(code),
                  completeSure(group, learners),
                ),
            },
            'Завершить обучение',
          )
        : '',
      g.status === 'обучение завершено'
        ? h(
            'button',
            {
              type: 'button',
              onClick: (e: Event) =>
                void ask(e.currentTarget as HTMLButtonElement, 'Отправляю запрос…', { kind: 'archiveGroup', args: { group } }, () => openCourse(code), {
                  title: `Перенести группу ${group} в архив?`,
                  details: ['Сначала сформируйте документы группы. Итоги после переноса меняет только сектор.'],
                  yes: 'Да, в архив',
                }),
            },
            'Перенести в архив',
          )
        : '',
      h(
        'button',
        {
          type: 'button',
          onClick: (e: Event) =>
            void ask(e.currentTarget as HTMLButtonElement, 'Отправляю запрос…', { kind: 'generateDocuments', args: { group } }, () => openCourse(code)),
        },
        'Документы группы',
      ),
    ),
  );
};

void load();
