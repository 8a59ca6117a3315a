// Builds build/ once before the suites: the bundle tests run the real build/Code.js and sidebar HTML. The bundle keeps
// its line breaks here (EBPPK_READABLE) so coverage maps to src/ line by line; the bundle test checks that the
// minified build that is pushed has the same exports and stays within the size budget.
const { execFileSync } = require('node:child_process');
const path = require('node:path');

module.exports = async () => {
  execFileSync(process.execPath, [path.join(__dirname, '..', 'scripts', 'build.mjs')], { stdio: 'inherit', env: { ...process.env, EBPPK_READABLE: '1' } });
};
