// "Today" as the server that served this page says (src/app/today.ts writes it into the page), so the sidebar and the
// bank agree on the date: period presets and default years follow the bank's clock, not the browser's.

/** The served day at midnight local time; the browser's own day only if the page was served without one. */
export const bankToday = (): Date => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(document.querySelector('meta[name="ebppk-today"]')?.getAttribute('content') ?? '');
  if (!m) return new Date();
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
};
