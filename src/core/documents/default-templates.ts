// The default document templates, written to «Шаблоны документов» by setup; the provider edits them there.
const PAGE = (title: string, body: string) => `<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>${title}</title>
<style>body{font-family:'Times New Roman',serif;font-size:13pt;margin:2cm}h1{font-size:14pt;text-align:center}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #000;padding:3px 5px;font-size:11pt}
.page{page-break-after:always;text-align:center;padding-top:3cm}.sign{margin-top:2cm}</style></head><body>${body}</body></html>`;

const HEAD = '<p>{{providerName}}</p>';
const SIGN = '<p class="sign">Руководитель курсов ____________________ {{leaderName}}</p>';

export const DOCUMENT_KINDS = [
  { key: 'enrolment-order', title: 'Приказ о зачислении', afterCompletion: false },
  { key: 'group-list', title: 'Список группы', afterCompletion: false },
  { key: 'attendance', title: 'Журнал посещаемости', afterCompletion: false },
  { key: 'assessment', title: 'Ведомость итоговой аттестации', afterCompletion: true },
  { key: 'completion-order', title: 'Приказ об отчислении в связи с завершением обучения', afterCompletion: true },
  { key: 'certificates', title: 'Удостоверения о повышении квалификации', afterCompletion: true },
  { key: 'register', title: 'Книга регистрации выданных удостоверений', afterCompletion: true },
] as const;
export type DocumentKey = (typeof DOCUMENT_KINDS)[number]['key'];

export const DEFAULT_TEMPLATES: Record<DocumentKey, string> = {
  'enrolment-order': PAGE(
    'Приказ о зачислении',
    `${HEAD}<h1>ПРИКАЗ № {{enrolmentOrder}}<br>о зачислении на обучение</h1><p>{{city}}, {{today}}</p>
<p>Зачислить на обучение по дополнительной профессиональной программе повышения квалификации «{{courseTitle}}» ({{hours}} ч, форма обучения — {{form}}) с {{startDate}} по {{endDate}} слушателей группы {{group}}:</p>
<ol>{{#learners}}<li>{{fio}} — {{organization}}, {{territory}}</li>{{/learners}}</ol>${SIGN}`,
  ),
  'group-list': PAGE(
    'Список группы',
    `${HEAD}<h1>Список группы {{group}}</h1><p>«{{courseTitle}}», {{startDate}}–{{endDate}}, {{hours}} ч</p>
<table><tr><th>№</th><th>ФИО</th><th>Организация</th><th>Должность</th><th>Территория</th></tr>{{#learners}}<tr><td>{{n}}</td><td>{{fio}}</td><td>{{organization}}</td><td>{{position}}</td><td>{{territory}}</td></tr>{{/learners}}</table>`,
  ),
  attendance: PAGE(
    'Журнал посещаемости',
    `${HEAD}<h1>Журнал посещаемости, группа {{group}}</h1><p>«{{courseTitle}}»</p>
<table><tr><th>№</th><th>ФИО</th>{{#days}}<th>{{day}}</th>{{/days}}</tr>{{#learners}}<tr><td>{{n}}</td><td>{{fio}}</td>{{#days}}<td></td>{{/days}}</tr>{{/learners}}</table>`,
  ),
  assessment: PAGE(
    'Ведомость итоговой аттестации',
    `${HEAD}<h1>Ведомость итоговой аттестации, группа {{group}}</h1><p>«{{courseTitle}}», {{hours}} ч, {{startDate}}–{{endDate}}</p>
<table><tr><th>№</th><th>ФИО</th><th>Итог</th></tr>{{#learners}}<tr><td>{{n}}</td><td>{{fio}}</td><td>{{result}}</td></tr>{{/learners}}</table>${SIGN}`,
  ),
  'completion-order': PAGE(
    'Приказ об отчислении в связи с завершением обучения',
    `${HEAD}<h1>ПРИКАЗ № {{completionOrder}}<br>об отчислении в связи с завершением обучения</h1><p>{{city}}, {{today}}</p>
<p>Отчислить в связи с завершением обучения по программе «{{courseTitle}}» ({{hours}} ч) и выдать удостоверения о повышении квалификации слушателям группы {{group}}:</p>
<ol>{{#completed}}<li>{{fio}} — удостоверение № {{regNumber}}</li>{{/completed}}</ol>${SIGN}`,
  ),
  certificates: PAGE(
    'Удостоверения о повышении квалификации',
    `{{#completed}}<div class="page"><p>{{providerName}}</p><h1>УДОСТОВЕРЕНИЕ<br>о повышении квалификации</h1>
<p>Настоящее удостоверение свидетельствует о том, что</p><p><b>{{fio}}</b></p>
<p>с {{startDate}} по {{endDate}} {{passed}} повышение квалификации по дополнительной профессиональной программе</p>
<p><b>«{{courseTitle}}»</b> в объёме {{hours}} часов</p><p>Регистрационный номер {{regNumber}}</p><p>{{blankLine}}</p><p>Город {{city}}, дата выдачи {{issueDate}}</p></div>{{/completed}}`,
  ),
  register: PAGE(
    'Книга регистрации выданных удостоверений',
    `${HEAD}<h1>Книга регистрации выданных удостоверений, {{year}} год</h1>
<table><tr><th>Рег. номер</th><th>ФИО</th><th>Программа</th><th>Часов</th><th>Дата выдачи</th><th>Группа</th></tr>{{#register}}<tr><td>{{regNumber}}</td><td>{{fio}}</td><td>{{courseTitle}}</td><td>{{hours}}</td><td>{{issueDate}}</td><td>{{group}}</td></tr>{{/register}}</table>`,
  ),
};

/**
 * Defaults of earlier versions, by kind: setup replaces a template still equal to one of them (nobody edited it) with the
 * current default, and leaves an edited one alone.
 */
export const PREVIOUS_DEFAULTS: Partial<Record<DocumentKey, readonly string[]>> = {
  'enrolment-order': [DEFAULT_TEMPLATES['enrolment-order'].replace('ПРИКАЗ № {{enrolmentOrder}}', 'ПРИКАЗ').replace(' {{leaderName}}', '')],
  'completion-order': [DEFAULT_TEMPLATES['completion-order'].replace('ПРИКАЗ № {{completionOrder}}', 'ПРИКАЗ').replace(' {{leaderName}}', '')],
  certificates: [DEFAULT_TEMPLATES.certificates.replace('{{passed}}', 'прошёл(а)').replace('<p>{{blankLine}}</p>', '')],
};
