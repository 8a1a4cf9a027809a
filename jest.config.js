// Jest runs the TypeScript sources as native ES modules (the @actions packages are ESM-only).
// ts-jest only transpiles (isolatedModules in tsconfig.json); `tsc` is the type checker.
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  resolver: 'ts-jest-resolver',
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json', useESM: true }],
  },
  testMatch: ['<rootDir>/__tests__/**/*.test.ts'],
  testTimeout: 60000,
};
