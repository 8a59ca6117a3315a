/** jest: esbuild strips types (tsc type-checks in `npm test`); the bundle tests build build/Code.js first (test/global-setup.js). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': '<rootDir>/test/transform.js' },
  globalSetup: '<rootDir>/test/global-setup.js',
  testTimeout: 30000,
  // A worker that grew past this after a test file is replaced: each file loads bundles into vm contexts and builds fake
  // banks, and a worker that ran many of them hit V8's heap limit in CI («Jest worker ran out of memory»).
  workerIdleMemoryLimit: '1500MB',
  // V8 coverage of the TypeScript sources and of build/Code.js, mapped back to src/ through Code.js.map: the paths that
  // run only inside the bundle count too. Sidebars run in jsdom and Chromium from the built HTML (no map): not measured.
  coverageProvider: 'v8',
  collectCoverageFrom: ['src/**/*.ts', 'build/Code.js', '!src/ui/**'],
  coverageReporters: ['text-summary', 'json-summary'],
  coverageThreshold: {
    './src/core/': { lines: 90 },
    './src/': { lines: 80 },
  },
};
