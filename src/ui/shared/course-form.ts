// The course card form (the card, dates, place, hours, capacity, leader and quotas per territory), shared by the master's
// leader sidebar and the cabinet: each sends it its own way (a call, or a request the web app carries out at once).

import type { RpcApi } from '../../app/rpc-contract';
import { field, h, select } from './dom';

export type CourseInput = RpcApi['saveCourse']['parsed'];

const FORMS = ['очная', 'очно-заочная', 'заочная с ДОТ'];

const input = (type: string, value: string | number, attrs: Record<string, string> = {}) => h('input', { type, value: String(value), ...attrs });

/** An empty card: what «Новый курс» starts from. */
export const newCourse = (subdivision: string): CourseInput => ({
  code: '',
  title: '',
  annotation: '',
  schedule: '',
  hours: 36,
  form: 'очная',
  startDate: '',
  endDate: '',
  place: '',
  audience: '',
  capacity: 30,
  subdivision,
  leader: '',
  quotas: [],
});

export interface CourseFormOptions {
  /** The course being edited (its code cannot change), or a new one. */
  readonly course: CourseInput;
  readonly editing: boolean;
  /** The territories a quota can go to. */
  readonly territories: ReadonlyArray<{ readonly code: string; readonly name: string }>;
  /** Called with the card as typed; the form shows errors beside its fields (`showFieldErrors`). */
  readonly save: (course: CourseInput, form: HTMLFormElement, button: HTMLButtonElement) => void;
  readonly cancel: () => void;
}

export const courseForm = (o: CourseFormOptions): HTMLFormElement => {
  const c = o.course;
  const f = {
    code: input('text', c.code, o.editing ? { readonly: 'readonly' } : { maxlength: '30', autocomplete: 'off' }),
    title: input('text', c.title, { maxlength: '300' }),
    annotation: h('textarea', { rows: 3, maxlength: 5000 }, c.annotation),
    schedule: h('textarea', { rows: 2, maxlength: 2000 }, c.schedule),
    hours: input('number', c.hours, { min: '16', step: '1' }),
    form: select(
      FORMS.map((x) => [x, x]),
      c.form,
    ),
    startDate: input('date', c.startDate),
    endDate: input('date', c.endDate),
    place: input('text', c.place),
    audience: input('text', c.audience),
    capacity: input('number', c.capacity, { min: '1', step: '1' }),
    leader: input('email', c.leader),
  };
  const quotaList = h('div', {});
  const addQuota = (territory = '', places: number | string = '') => {
    const s = select([['', '— территория —'], ...o.territories.map((t) => [t.code, t.name] as [string, string])], territory);
    s.setAttribute('aria-label', 'Территория квоты');
    const n = input('number', places, { min: '0', step: '1', 'aria-label': 'Мест' });
    n.style.width = '70px';
    const line = h(
      'div',
      { class: 'row quota' },
      s,
      n,
      h('button', { type: 'button', class: 'link', 'aria-label': 'Удалить квоту', onClick: () => line.remove() }, '✕'),
    );
    s.style.flex = '1';
    quotaList.append(line);
  };
  c.quotas.forEach((q) => addQuota(q.territory, q.places));
  const form = h(
    'form',
    { novalidate: true },
    h('h1', {}, o.editing ? `Курс ${c.code}` : 'Новый курс'),
    field('Шифр', f.code, 'code'),
    field('Название', f.title, 'title'),
    field('Аннотация', f.annotation, 'annotation'),
    field('Расписание (текст или ссылка)', f.schedule, 'schedule'),
    field('Объём, часов', f.hours, 'hours'),
    field('Форма обучения', f.form, 'form'),
    field('Дата начала', f.startDate, 'startDate'),
    field('Дата окончания', f.endDate, 'endDate'),
    field('Место проведения', f.place, 'place'),
    field('Категория слушателей', f.audience, 'audience'),
    field('Вместимость', f.capacity, 'capacity'),
    field('Руководитель (эл. почта)', f.leader, 'leader'),
    h('div', { class: 'field', 'data-field': 'quotas' }, h('label', {}, 'Квоты по территориям'), quotaList, h('div', { class: 'field-error', role: 'alert' })),
    h('button', { type: 'button', class: 'link', onClick: () => addQuota() }, '+ квота'),
    h(
      'div',
      { class: 'row' },
      h('button', { type: 'submit', class: 'action' }, 'Сохранить'),
      h('button', { type: 'button', onClick: () => o.cancel() }, 'Отмена'),
    ),
  ) as HTMLFormElement;
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const quotas = [...quotaList.querySelectorAll('.quota')]
      .map((line) => ({
        territory: (line.querySelector('select') as HTMLSelectElement).value,
        places: Number((line.querySelector('input') as HTMLInputElement).value || 0),
      }))
      .filter((q) => q.territory);
    o.save(
      {
        code: f.code.value,
        title: f.title.value,
        annotation: f.annotation.value,
        schedule: f.schedule.value,
        hours: Number(f.hours.value),
        form: f.form.value,
        startDate: f.startDate.value,
        endDate: f.endDate.value,
        place: f.place.value,
        audience: f.audience.value,
        capacity: Number(f.capacity.value),
        subdivision: c.subdivision,
        leader: f.leader.value,
        quotas,
      },
      form,
      form.querySelector('[type=submit]') as HTMLButtonElement,
    );
  });
  return form;
};
