// What the cabinet can tell by itself, checked before a request is written (DESIGN §8): the same rules the owner's job
// applies (lifecycle.ts), on the cabinet's own sheets, so most mistakes are answered at once and beside their field
// instead of minutes later on «Запросы». The job still checks everything again: these are a courtesy, not the guard.

import { courseDateRule, EXPEL_REASON_REQUIRED, groupRoom } from '../core/domain/lifecycle';
import { Email } from '../core/domain/reference';
import type { Workbook } from '../core/ports';
import { CABINET_COURSES, CABINET_GROUPS, CABINET_INFO, CABINET_PEOPLE, CABINET_TERRITORIES } from '../core/sheets/cabinet';
import type { Row } from '../core/sheets/spec';
import { correctionPatch } from '../core/use-cases/completion';
import { type CourseInput, checkCourse } from '../core/use-cases/courses';
import type { RpcResult } from './rpc';

type Refusal = Extract<RpcResult<never>, { ok: false }>;

const refuse = (error: string, field?: string): Refusal => (field ? { ok: false, error, fields: { [field]: error } } : { ok: false, error });

const courseOf = (book: Workbook, code: unknown): Row | undefined =>
  book
    .table(CABINET_COURSES)
    .read()
    .find((c) => c.code === code);

/** Forming and attendance: not before the course's first day (a course the cabinet does not list is the job's to refuse). */
const notYet = (course: Row | undefined, now: Date): Refusal | null => {
  const r = course ? courseDateRule('form', course, now) : null;
  return r && !r.ok ? refuse(r.error, 'code') : null;
};

export const attendanceAllowed = (book: Workbook, code: string, now: Date): Refusal | null => notYet(courseOf(book, code), now);

/** The refusal the cabinet can give at once for this request, or null when only the job can decide. */
export const precheck = (book: Workbook, kind: string, args: Record<string, unknown>, now: Date, email: string): Refusal | null => {
  switch (kind) {
    case 'formGroup':
      return attendanceAllowed(book, String(args.code), now);
    case 'addLateArrivals': {
      const course = courseOf(book, args.code);
      const early = notYet(course, now);
      if (early) return early;
      const group = String(args.group);
      const size = book
        .table(CABINET_GROUPS)
        .read()
        .filter((g) => g.group === group).length;
      const room = groupRoom(group, Number(course?.capacity) || 0, size, Array.isArray(args.ids) ? args.ids.length : 0);
      return room.ok ? null : refuse(room.error, 'group');
    }
    case 'completeGroup': {
      const outcomes = Array.isArray(args.outcomes) ? (args.outcomes as Array<{ outcome?: string; reason?: string }>) : [];
      if (outcomes.some((o) => o.outcome === 'expelled' && !String(o.reason ?? '').trim())) return refuse(EXPEL_REASON_REQUIRED, 'reason');
      const member = book
        .table(CABINET_GROUPS)
        .read()
        .find((g) => g.group === args.group);
      const course = member && courseOf(book, member.course);
      const r = course ? courseDateRule('complete', course, now) : null;
      return r && !r.ok ? refuse(r.error) : null;
    }
    case 'grantAccess':
    case 'revokeAccess': {
      const email = Email.safeParse(args.email);
      return email.success ? null : refuse(email.error.issues[0]?.message ?? 'Некорректный адрес электронной почты', 'email');
    }
    case 'saveCourse':
      return courseChecks(book, args as CourseInput, email);
    case 'correctLearner': {
      const { errors } = correctionPatch(args as Parameters<typeof correctionPatch>[0]);
      return Object.keys(errors).length ? { ok: false, error: FIX_FIELDS, fields: errors } : null;
    }
    default:
      return null;
  }
};

const FIX_FIELDS = 'Исправьте отмеченные поля.';

/** The course's card as the bank will check it, with the cabinet's territories and people for the quotas and the leader. */
const courseChecks = (book: Workbook, input: CourseInput, email: string): Refusal | null => {
  const info = new Map(
    book
      .table(CABINET_INFO)
      .read()
      .map((i) => [String(i.key), String(i.value)]),
  );
  const subdivision = info.get('subdivision') ?? '';
  const territories = new Set(book.table(CABINET_TERRITORIES).ids());
  const { leader, errors } = checkCourse({ email, role: 'leader', scope: subdivision, name: '' }, input, territories);
  const people = new Set(
    book
      .table(CABINET_PEOPLE)
      .read()
      .map((p) => String(p.email)),
  );
  if (leader && !people.has(leader)) errors.leader ??= `Руководитель: ${leader} — не руководитель курсов этого подразделения`;
  return Object.keys(errors).length ? { ok: false, error: FIX_FIELDS, fields: errors } : null;
};
