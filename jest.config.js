/** jest: ts-jest over src/ and test/; the bundle test builds build/Code.js first (see test/gas). */
module.exports = {
  preset: 'ts-jest',
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', diagnostics: { warnOnly: false } }] },
  globalSetup: '<rootDir>/test/global-setup.js',
};
