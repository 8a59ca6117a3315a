// The Form's two lists as the bank's data dictates them: active territories and courses open for enrolment.
import type { Row } from '../sheets/spec';
import { openCourseCards, openCourseLabels } from './form-spec';

/** Shown when no course is open: a Google Forms list cannot be empty. A response with it is quarantined. */
export const COURSE_LIST_EMPTY = 'Сейчас нет курсов, открытых для записи';

export const formChoices = (territories: readonly Row[], courses: readonly Row[]) => ({
  territories: territories.filter((t) => t.active === true).map((t) => String(t.name)),
  courses: openCourseLabels(courses),
  /** The course list's help text: each open course's place, schedule and annotation. */
  courseHelp: openCourseCards(courses),
});
