// Builds what clasp pushes into build/: Code.js (the IIFE bundle plus one top-level pass-through per export),
// appsscript.json, and one self-contained .html per sidebar (its JS and CSS inlined).

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import * as esbuild from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// EBPPK_BUILD_DIR: where to write (the size test builds into a temp folder). EBPPK_READABLE=1 keeps line breaks, so
// V8's coverage maps back to src/ line by line (test/global-setup.js); what is pushed is always the minified build.
const out = process.env.EBPPK_BUILD_DIR ? path.resolve(process.env.EBPPK_BUILD_DIR) : path.join(root, 'build');
const readable = process.env.EBPPK_READABLE === '1';
/** Code.js size budget (KiB): Apps Script parses the whole file at every execution. EBPPK_MAX_KB overrides (tests). */
const MAX_KB = Number(process.env.EBPPK_MAX_KB ?? 310);
const GLOBAL = '__ebppk';

fs.rmSync(out, { recursive: true, force: true });
fs.mkdirSync(out, { recursive: true });

/** One Apps Script project: entry → <dir>/Code.js (+ a top-level function per export) and its map. Returns the exports. */
const buildScript = async (entry, dir, label) => {
  const bundle = await esbuild.build({
    entryPoints: [path.join(root, entry)],
    bundle: true,
    format: 'iife',
    globalName: GLOBAL,
    target: 'es2020', // Apps Script's V8 runtime: optional chaining and ?? need no helpers
    platform: 'neutral',
    mainFields: ['module', 'main'],
    write: false,
    charset: 'utf8',
    legalComments: 'none',
    // Smaller to push and to parse at every execution. Our identifiers are minified too (the exported names, which are
    // properties of the global, stay): a stack trace in the execution log maps back to src/ through Code.js.map.
    minifySyntax: true,
    minifyWhitespace: !readable,
    minifyIdentifiers: !readable,
    // Code.js.map (not pushed by clasp) maps the bundle back to src/ for the tests' coverage.
    sourcemap: 'external',
    sourcesContent: false,
    outfile: path.join(dir, 'Code.js'),
  });
  const code = bundle.outputFiles.find((f) => f.path.endsWith('.js')).text;
  const map = bundle.outputFiles.find((f) => f.path.endsWith('.map')).text;
  // The export names: evaluate the bundle (it only defines things) and list the global's keys.
  const ctx = vm.createContext({ console });
  vm.runInContext(code, ctx);
  const exported = Object.keys(ctx[GLOBAL]).sort();
  if (!exported.length) throw new Error(`${entry} exports nothing`);
  const stubs = exported.map((name) => `function ${name}() { return ${GLOBAL}.${name}.apply(this, arguments); }`).join('\n');
  fs.writeFileSync(
    path.join(dir, 'Code.js'),
    `${code}\n// Apps Script sees only top-level function declarations:\n${stubs}\n//# sourceMappingURL=Code.js.map\n`,
  );
  fs.writeFileSync(path.join(dir, 'Code.js.map'), map);
  const codeKb = fs.statSync(path.join(dir, 'Code.js')).size / 1024;
  if (!readable && codeKb > MAX_KB) {
    console.error(`${label}/Code.js is ${codeKb.toFixed(1)} KB, over the budget of ${MAX_KB} KB (see docs/ARCHITECTURE.md, "Bundle size").`);
    process.exit(1);
  }
  return exported;
};

// The master bank's project (build/) and the cabinet script's (build-cabinet/, pushed to the cabinet template: its own
// manifest with the narrowest scopes). Kept apart: clasp pushes everything under a project's rootDir.
const exported = await buildScript('src/gas/main.ts', out, 'build');
const cabinetOut = process.env.EBPPK_BUILD_DIR ? path.join(out, '..', `${path.basename(out)}-cabinet`) : path.join(root, 'build-cabinet');
fs.rmSync(cabinetOut, { recursive: true, force: true });
fs.mkdirSync(cabinetOut, { recursive: true });
const cabinetExports = await buildScript('src/cabinet/main.ts', cabinetOut, 'build-cabinet');
fs.copyFileSync(path.join(root, 'src/cabinet/appsscript.json'), path.join(cabinetOut, 'appsscript.json'));

fs.copyFileSync(path.join(root, 'appsscript.json'), path.join(out, 'appsscript.json'));

// Sidebars: src/ui/<name>/main.ts (+ its own index.html, or the shared shell) + shared CSS → build/<name>.html.
const uiDir = path.join(root, 'src/ui');
const sharedCss = fs.readFileSync(path.join(uiDir, 'shared/addon.css'), 'utf8');
const sidebars = fs.readdirSync(uiDir).filter((d) => d !== 'shared' && fs.existsSync(path.join(uiDir, d, 'main.ts')));
/** The cabinet's sidebar goes to the cabinet's project. */
const dirOf = (name) => (name === 'cabinet' ? cabinetOut : out);
for (const name of sidebars) {
  const js = await esbuild.build({
    entryPoints: [path.join(uiDir, name, 'main.ts')],
    bundle: true,
    format: 'iife',
    target: 'es2019',
    platform: 'browser',
    write: false,
    minify: true,
    charset: 'utf8',
  });
  const localCss = path.join(uiDir, name, 'style.css');
  const css = sharedCss + (fs.existsSync(localCss) ? fs.readFileSync(localCss, 'utf8') : '');
  const script = js.outputFiles[0].text.replace(/<\/script/gi, '<\\/script');
  const own = path.join(uiDir, name, 'index.html');
  let html = fs.readFileSync(fs.existsSync(own) ? own : path.join(uiDir, 'shared/shell.html'), 'utf8');
  if (!html.includes('/* inline:css */') || !html.includes('/* inline:js */')) throw new Error(`${name}/index.html lacks the inline markers`);
  html = html.replace('/* inline:css */', () => css).replace('/* inline:js */', () => script);
  fs.writeFileSync(path.join(dirOf(name), `${name}.html`), html);
}

const kb = (f, dir = out) => `${(fs.statSync(path.join(dir, f)).size / 1024).toFixed(0)} KB`;
const masterSidebars = sidebars.filter((s) => s !== 'cabinet');
console.log(`build/Code.js ${kb('Code.js')}, exports: ${exported.join(', ')}`);
console.log(`build/appsscript.json, sidebars: ${masterSidebars.map((s) => `${s}.html (${kb(`${s}.html`)})`).join(', ')}`);
console.log(`build-cabinet/Code.js ${kb('Code.js', cabinetOut)}, exports: ${cabinetExports.join(', ')}; cabinet.html`);
