// The text of any thrown value, for messages and logs (never a stack trace to the user). Google's own refusals that a
// user can meet are said in Russian, with what to do.
const PROTECTED = 'You are trying to edit a protected cell or object';
export const PROTECTED_RU =
  'Этот лист может менять только сектор ИРО ПК (или задание банка). Начальники отделов и руководители курсов работают в кабинете своего подразделения.';

export const errorText = (e: unknown): string => {
  const text = e instanceof Error ? e.message : String(e);
  return text.includes(PROTECTED) ? PROTECTED_RU : text;
};
