// The outbox sends each letter at most once: a run that stops mid-batch leaves its letters «отправляется», and the
// next run reports them instead of sending them again; the quota bounds what is even marked for sending.
import { OUTBOX } from '../../src/core/sheets/master';
import { INTERRUPTED_LETTER, queueLetters, sendOutbox } from '../../src/core/use-cases/outbox';
import { memoryBank } from '../builders';
import { Crash, faulty } from './faulty';

const letters = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ id: `2026-00000${i + 1}/принята`, to: `t${i + 1}@school.ru`, subject: 'Заявка', body: '…' }));

const mailer = (quota: number) => {
  const sent: string[] = [];
  return { sent, remaining: () => quota - sent.length, send: (to: string) => void sent.push(to) };
};

describe('outbox', () => {
  it('sends within the quota and leaves the rest waiting, untouched', () => {
    const b = memoryBank();
    queueLetters(b.master.table(OUTBOX), letters(5), b.clock);
    const m = mailer(3);
    expect(sendOutbox(b.master.table(OUTBOX), m, b.clock)).toEqual({ sent: 3, failed: 0, waiting: 2 });
    expect(
      b.master
        .table(OUTBOX)
        .read()
        .map((r) => r.status),
    ).toEqual(['отправлено', 'отправлено', 'отправлено', 'ждёт', 'ждёт']);
  });

  it('never sends a letter twice: a run stopped after sending leaves «отправляется», the next run reports it', () => {
    const b = memoryBank();
    queueLetters(b.master.table(OUTBOX), letters(3), b.clock);
    const m = mailer(100);
    // The run dies after sending, before writing the outcome (the second write of the batch).
    expect(() => sendOutbox(faulty(b.master, { left: 1, writes: 0 }).table(OUTBOX), m, b.clock)).toThrow(Crash);
    expect(m.sent).toHaveLength(3);
    expect(
      b.master
        .table(OUTBOX)
        .read()
        .map((r) => r.status),
    ).toEqual(['отправляется', 'отправляется', 'отправляется']);
    expect(sendOutbox(b.master.table(OUTBOX), m, b.clock)).toEqual({ sent: 0, failed: 0, waiting: 0 });
    expect(m.sent).toHaveLength(3);
    expect(b.master.table(OUTBOX).read()).toEqual(letters(3).map(() => expect.objectContaining({ status: 'ошибка', error: INTERRUPTED_LETTER })));
  });
});
