/** jest: esbuild strips types (tsc type-checks in `npm test`); the bundle tests build build/Code.js first (test/global-setup.js). */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': '<rootDir>/test/transform.js' },
  globalSetup: '<rootDir>/test/global-setup.js',
  testTimeout: 30000,
};
