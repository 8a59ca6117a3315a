/**
 * The layer rules (npm run lint): core → nothing but zod; adapters → core; app → core; gas, cabinet and local → app, adapters
 * and core; cli → app, adapters, core and local (a backup opens as a local bank); ui → its own files and the RPC contract
 * (types only). No cycles; every module reachable from an entry.
 * test/scripts/layers.test.ts plants a violation of each rule and checks that this config catches it.
 */
module.exports = {
  forbidden: [
    {
      name: 'core-is-pure',
      comment: 'src/core is pure TypeScript: it imports only itself and zod (ports are interfaces the others implement).',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { pathNot: ['^src/core/', '^node_modules/zod/'] },
    },
    {
      name: 'adapters-on-core',
      comment: 'An adapter implements a port of the core; it knows nothing of the application or the platforms.',
      severity: 'error',
      from: { path: '^src/adapters/' },
      to: { path: '^src/(app|gas|local|ui|cabinet|cli)/' },
    },
    {
      name: 'app-on-core',
      comment: 'The application layer speaks only the ports of the core: it runs unchanged in Apps Script and in the local bank.',
      severity: 'error',
      from: { path: '^src/app/' },
      to: { path: '^src/(adapters|gas|local|ui|cabinet|cli)/' },
    },
    {
      name: 'platforms-apart',
      comment: 'The master script (gas), the cabinet script (cabinet) and the local bank (local) share the application layer, never each other.',
      severity: 'error',
      from: { path: '^src/(gas|local|cabinet)/' },
      to: { path: '^src/(gas|local|cabinet|ui|cli)/', pathNot: ['^src/$1/'] },
    },
    {
      name: 'cli-on-node',
      comment: 'The command-line tool runs in Node over Google\'s APIs: it may open a backup as a local bank, never load the scripts or sidebars.',
      severity: 'error',
      from: { path: '^src/cli/' },
      to: { path: '^src/(gas|cabinet|ui)/' },
    },
    {
      name: 'ui-on-contract',
      comment: 'A sidebar ships to the browser: it may import its own files and the RPC contract, as types only.',
      severity: 'error',
      from: { path: '^src/ui/' },
      to: { pathNot: ['^src/ui/', '^src/app/rpc-contract\\.ts$'] },
    },
    {
      name: 'ui-contract-types-only',
      comment: 'The RPC contract is types: importing it for values would pull the server into the browser bundle.',
      severity: 'error',
      from: { path: '^src/ui/' },
      to: { path: '^src/app/rpc-contract\\.ts$', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'no-orphans',
      comment: 'A module nothing imports is dead code (entry points excepted).',
      severity: 'error',
      from: { orphan: true, pathNot: ['(^|/)main\\.ts$', '\\.d\\.ts$'] },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    exclude: { path: '^(build|node_modules|test|bench|scripts|bin)/' },
  },
};
