// How Google Sheets parses a string written by setValue(s)/appendRow into a cell that is not plain text ('@').
export interface Parsed {
  value: unknown;
  formula?: string;
}

export const parseTyped = (input: unknown, format: string): Parsed => {
  if (typeof input !== 'string' || format === '@') return { value: input };
  const s = input;
  if (s.startsWith("'")) return { value: s.slice(1) };
  if (s.startsWith('=') && s.length > 1) return { value: '#ERROR!', formula: s };
  const t = s.trim();
  const first = t.charCodeAt(0);
  // Only strings starting with a digit, a sign or a letter of TRUE/FALSE can parse: skip the regexes for the rest.
  if (!(first === 43 || first === 45 || (first >= 48 && first <= 57) || /^[tTfF]/.test(t))) return { value: s };
  if (/^[+-]?\d+([.,]\d+)?$/.test(t)) return { value: Number(t.replace(',', '.')) };
  const d = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(t);
  if (d) return { value: new Date(Number(d[3]), Number(d[2]) - 1, Number(d[1])) };
  if (/^(true|false)$/i.test(t)) return { value: t.toLowerCase() === 'true' };
  return { value: s };
};
