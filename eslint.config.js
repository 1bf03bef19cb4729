// ESLint flat config. Besides typescript-eslint's recommended rules, it enforces the one-way dependency rule of
// ARCHITECTURE.md: gateway/ and subgraphs/<name>/ → platform/ → libraries; no subgraph imports another; platform/
// imports neither; and that no source file spells an `extensions.code` itself. (Import cycles are checked by `madge --circular` in `npm run lint`.)
import tseslint from 'typescript-eslint';

const SUBGRAPHS = ['memory', 'orchestration', 'routing', 'session'];

/** no-restricted-imports patterns forbidding imports of the given top-level folders. */
const forbid = (folders, message) => ({
  'no-restricted-imports': ['error', { patterns: [{ group: folders.map((folder) => `**/${folder}/**`), message }] }],
});

export default tseslint.config(
  { ignores: ['node_modules/', '**/generated/', '.data/', 'bench/results/'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['platform/**/*.ts'],
    rules: forbid(['gateway', 'subgraphs', 'bin', 'test'], 'platform/ must not import gateway/, subgraphs/, bin/ or test/'),
  },
  {
    files: ['gateway/**/*.ts'],
    rules: forbid(['subgraphs', 'bin', 'test'], 'the gateway meets subgraphs only through the supergraph'),
  },
  {
    // The error registry (platform/error-codes.ts) is the one source of `extensions.code`: raise its classes instead.
    files: ['platform/**/*.ts', 'gateway/**/*.ts', 'subgraphs/**/*.ts', 'bin/**/*.ts'],
    ignores: ['**/*.test.ts', 'platform/errors.ts', 'gateway/execution/fixture-supergraph.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "Property[key.name='extensions'] > ObjectExpression > Property[key.name='code'][value.type='Literal']",
          message: 'extensions.code comes from the error registry (platform/error-codes.ts): throw its error class, or toGraphQLError(new XError(...))',
        },
      ],
    },
  },
  ...SUBGRAPHS.map((name) => ({
    files: [`subgraphs/${name}/**/*.ts`],
    rules: forbid(
      [...SUBGRAPHS.filter((other) => other !== name), 'gateway', 'bin'],
      `subgraphs/${name} may import only platform/ and libraries: subgraphs meet through the supergraph`,
    ),
  })),
);
