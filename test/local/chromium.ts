// Debian's Chromium for the browser tests (Playwright's own download does not work here), and the checks every screen
// gets (issue 18): an axe-core scan, no English words in what a person reads, a screenshot.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { type Browser, chromium, type Frame, type Page } from 'playwright-core';

export const SHOTS = path.join(__dirname, '..', '..', 'test-output', 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const launchChromium = (): Promise<Browser> => {
  fs.mkdirSync(SHOTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
};

/**
 * A page signed in as `email` through the demo login (a POST from the bank's own login page: a link cannot change who you
 * are); '' stays anonymous. `sidebar` gives Google's sidebar width (300 px); `scan` lets axe-core in past the pages' CSP.
 */
export const openAs = async (browser: Browser, url: string, email: string, opts: { sidebar?: boolean; scan?: boolean } = {}): Promise<Page> => {
  const context = await browser.newContext({
    viewport: opts.sidebar ? { width: 300, height: 700 } : { width: 1280, height: 900 },
    locale: 'ru-RU',
    bypassCSP: opts.scan === true,
  });
  const page = await context.newPage();
  if (email) {
    await page.goto(`${url}/login`);
    await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/login')), page.click(`form:has(input[value="${email}"]) button`)]);
  }
  return page;
};

const AXE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Latin words a person may read: product names, file formats and the codes of standards. Everything else in Latin
 * letters on a screen is an internal name leaking (a role code, a territory code, an English library message).
 */
export const LATIN_ALLOWED = new Set(['Google', 'Sheets', 'Forms', 'Apps', 'Script', 'Excel', 'xlsx', 'PDF', 'CSV', 'HTML', 'ID']);

/** Latin words on the screen that are not on the allow-list (e-mail addresses and links removed first). */
export const latinWords = (text: string): string[] =>
  [
    ...new Set(
      text
        .replace(/[^\s@«»()<>,;]+@[^\s@«»()<>,;]+/g, ' ')
        .replace(/https?:\/\/\S+/g, ' ')
        .match(/[A-Za-z]{2,}/g) ?? [],
    ),
  ].filter((w) => !LATIN_ALLOWED.has(w));

export interface ScreenCheck {
  readonly screen: string;
  /** axe-core violations of impact serious or critical: rule id and where. */
  readonly violations: string[];
  readonly latin: string[];
}

/**
 * Screenshot, axe scan and the Latin-word check of a page (or of a sidebar's frame): everything a person reads, including
 * options, placeholders, titles and accessible names. The context must bypass CSP (the pages allow only their own scripts).
 */
export const checkScreen = async (page: Page, screen: string, frame: Page | Frame = page): Promise<ScreenCheck> => {
  await page.screenshot({ path: path.join(SHOTS, `${screen}.png`), fullPage: true });
  await frame.addScriptTag({ content: AXE });
  const violations = await frame.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (c: Document, o: unknown) => Promise<any> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return (r.violations as Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }>)
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map(
        (v) =>
          `${v.id}: ${v.nodes
            .map((n) => n.target.join(' '))
            .slice(0, 3)
            .join(', ')}`,
      );
  });
  const text = await frame.evaluate(() => {
    const attrs = [...document.querySelectorAll('[placeholder],[title],[aria-label],[alt]')].flatMap((el) =>
      ['placeholder', 'title', 'aria-label', 'alt'].map((a) => el.getAttribute(a) ?? ''),
    );
    const options = [...document.querySelectorAll('option')].map((o) => o.textContent ?? '');
    // biome-ignore lint/performance/useDomNodeTextContent: what is rendered — textContent would include the inlined scripts
    return [document.title, document.body.innerText, ...attrs, ...options].join('\n');
  });
  return { screen, violations, latin: latinWords(text) };
};
