// The letters' texts are the sheet «Шаблоны писем» (issue 16): setup seeds every kind, an edited template is what goes
// out, an emptied one falls back to the default, and every letter to a teacher links the status page once it has an
// address. When the day's mail quota is short, each person's letters go as one digest and the rest wait.
import { LETTER_TEMPLATES, OUTBOX, SETTINGS } from '../../src/core/sheets/master';
import { confirmationLetter, digestLetter, LETTER_KINDS, letterTemplates, queueMail, stageLetter } from '../../src/core/use-cases/letters';
import { sendOutbox } from '../../src/core/use-cases/outbox';
import { setSetting } from '../../src/core/use-cases/settings';
import { aCourse, anApplication, memoryBank } from '../builders';

const course = { ...aCourse('ОМ-01'), title: 'Оценивание', place: 'ИРО ПК, ауд. 301' };

describe('«Шаблоны писем»', () => {
  it('setup seeds one row per kind of letter, each naming its fields', () => {
    const b = memoryBank();
    const rows = b.master.table(LETTER_TEMPLATES).read();
    expect(rows.map((r) => r.key)).toEqual(LETTER_KINDS.map((k) => k.key));
    for (const r of rows) expect(String(r.fields)).not.toBe('');
  });

  it('sends what the sheet says, with the fields filled in as plain text; an emptied template falls back to the default', () => {
    const b = memoryBank();
    b.master.table(LETTER_TEMPLATES).updateByIds(
      new Map([
        ['принята', { subject: 'Ваша заявка {{id}}', body: 'Уважаемый(ая) {{fio}}, курс «{{courseTitle}}» <{{dates}}>.' }],
        [STAGE_GROUP, { subject: '', body: '' }],
      ]),
    );
    const app = anApplication(1, { lastName: 'Иванова', firstName: 'Анна', middleName: '' });
    queueMail(b.master, [confirmationLetter(app, course), stageLetter('group', { ...app, group: 'ОМ-01-2026-01' }, course, { reason: '' }) ?? fail()], b.clock);
    const [accepted, enrolled] = b.master.table(OUTBOX).read();
    expect(accepted).toMatchObject({ subject: 'Ваша заявка 2026-000001', body: 'Уважаемый(ая) Иванова Анна, курс «Оценивание» <05.10.2026–09.10.2026>.' });
    expect(enrolled.subject).toBe('Заявка 2026-000001: вы зачислены в группу');
    expect(enrolled.body).toContain('Место: ИРО ПК, ауд. 301');
  });

  it('links the status page in every letter to a teacher once «Настройки» has its address', () => {
    const b = memoryBank();
    const app = anApplication(1);
    queueMail(b.master, [confirmationLetter(app, course)], b.clock);
    setSetting(b.master.table(SETTINGS), 'statusUrl', 'https://script.google.com/macros/s/X/exec');
    const stages = ['provider', 'waitlist', 'group', 'absent', 'withdrawn', 'completed', 'expelled'] as const;
    queueMail(
      b.master,
      stages.map((s) => stageLetter(s, app, course, { reason: 'причина', position: 2 }) ?? fail()),
      b.clock,
    );
    const [before, ...after] = b.master.table(OUTBOX).read();
    expect(before.body).not.toContain('script.google.com');
    expect(after).toHaveLength(stages.length);
    for (const l of after) expect(l.body).toContain('по её номеру и адресу электронной почты: https://script.google.com/macros/s/X/exec');
    expect(after[1].body).toContain('Ваше место в очереди: 2.');
  });
});

const STAGE_GROUP = 'в группе';
const fail = (): never => {
  throw new Error('no letter');
};

describe('the digest when the quota is short', () => {
  const queue = (b: ReturnType<typeof memoryBank>, n: number, people: number) =>
    queueMail(
      b.master,
      Array.from({ length: n }, (_, i) => confirmationLetter(anApplication(i + 1, { email: `t${(i % people) + 1}@school.ru` }), course)),
      b.clock,
    );
  const mailer = (quota: number) => {
    const sent: Array<{ to: string; subject: string; body: string }> = [];
    return { sent, remaining: () => quota - sent.length, send: (to: string, subject: string, body: string) => void sent.push({ to, subject, body }) };
  };
  const digest = (b: ReturnType<typeof memoryBank>) => (to: string, l: readonly { subject: string; body: string }[]) =>
    digestLetter(to, l, letterTemplates(b.master));

  it('sends letter by letter while the quota carries them all', () => {
    const b = memoryBank();
    queue(b, 4, 2);
    const m = mailer(4);
    expect(sendOutbox(b.master.table(OUTBOX), m, b.clock, digest(b))).toEqual({ sent: 4, failed: 0, waiting: 0 });
    expect(m.sent).toHaveLength(4);
  });

  it('merges each person’s letters into one when the quota would be exceeded, and the rest wait for the next day', () => {
    const b = memoryBank();
    queue(b, 9, 3); // three people, three letters each
    const m = mailer(2);
    expect(sendOutbox(b.master.table(OUTBOX), m, b.clock, digest(b))).toEqual({ sent: 6, failed: 0, waiting: 3 });
    expect(m.sent.map((s) => s.to)).toEqual(['t1@school.ru', 't2@school.ru']);
    expect(m.sent[0].subject).toBe('ИРО ПК: сообщений о ваших заявках — 3');
    for (const id of ['2026-000001', '2026-000004', '2026-000007']) expect(m.sent[0].body).toContain(`Заявка ${id} на курс ОМ-01 принята`);
    const status = new Map(
      b.master
        .table(OUTBOX)
        .read()
        .map((r) => [String(r.id), r.status]),
    );
    expect([...status.values()].filter((s) => s === 'отправлено')).toHaveLength(6);
    expect(status.get('2026-000003/принята')).toBe('ждёт');
    // The next day: the third person's letters, once, and nothing sent twice.
    const next = mailer(100);
    expect(sendOutbox(b.master.table(OUTBOX), next, b.clock, digest(b))).toEqual({ sent: 3, failed: 0, waiting: 0 });
    expect(next.sent.map((s) => s.to)).toEqual(['t3@school.ru', 't3@school.ru', 't3@school.ru']);
    expect(sendOutbox(b.master.table(OUTBOX), next, b.clock, digest(b))).toEqual({ sent: 0, failed: 0, waiting: 0 });
  });
});
