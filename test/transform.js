// jest transform: esbuild strips the types of one file at a time (tsc already type-checks the whole project in
// `npm test`, so ts-jest's second type-check was pure cost); inline source maps keep stack traces and coverage true.
const crypto = require('node:crypto');
const fs = require('node:fs');
const { transformSync, version } = require('esbuild');

// The cache key covers this file too: changing the options must not serve stale output.
const SELF = fs.readFileSync(__filename, 'utf8');

module.exports = {
  process(source, filename) {
    const out = transformSync(source, {
      loader: filename.endsWith('.ts') ? 'ts' : 'js',
      format: 'cjs',
      target: 'node20',
      sourcemap: 'inline',
      sourcefile: filename,
      sourcesContent: false,
      supported: { 'dynamic-import': false },
    });
    return { code: out.code };
  },
  getCacheKey(source, filename) {
    return crypto.createHash('sha1').update(version).update(SELF).update('\0').update(filename).update('\0').update(source).digest('hex');
  },
};
