// The statistics as the sidebars show them (issue 18): age bands in their natural order and a bar under each count,
// scaled to the largest of its list — 4 is drawn 4/7 of 7.
import { JSDOM } from 'jsdom';

describe('statistics in the sidebars', () => {
  it('sorts age bands naturally and scales the bars honestly', async () => {
    const dom = new JSDOM('<!DOCTYPE html><body></body>');
    Object.assign(globalThis, { document: dom.window.document });
    try {
      const { byBand, figuresView } = await import('../../src/ui/shared/stats-view');
      const bands: Array<[string, number]> = [
        ['45–49', 4],
        ['65 и старше', 1],
        ['моложе 25', 2],
        ['25–29', 7],
      ];
      expect([...bands].sort(byBand).map(([k]) => k)).toEqual(['моложе 25', '25–29', '45–49', '65 и старше']);
      const view = figuresView({
        period: '01.01.2026–31.12.2026',
        subdivision: 'все',
        totals: { submitted: 14, grouped: 10, completed: 9 },
        funnel: [],
        onePk: { sex: { женский: 4, мужской: 7 }, ageBand: Object.fromEntries(bands) },
      } as never);
      const items = [...view.querySelectorAll('li')].map((li) => [li.textContent, (li.querySelector('.bar') as HTMLElement).style.width]);
      expect(items.slice(0, 2)).toEqual([
        ['женский: 4', '57%'],
        ['мужской: 7', '100%'],
      ]);
      expect(items.slice(2).map(([t]) => t)).toEqual(['моложе 25: 2', '25–29: 7', '45–49: 4', '65 и старше: 1']);
    } finally {
      Reflect.deleteProperty(globalThis, 'document');
    }
  });
});
