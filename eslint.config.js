import js from '@eslint/js';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { layerZones } from './eslint.layers.js';

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'scratch', 'test-results', 'playwright-report'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Imports run down the layers (eslint.layers.js). Tests may reach across to exercise a whole path.
    files: ['src/**'],
    ignores: ['**/*.test.ts'],
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.json'] })] },
    rules: { 'import-x/no-restricted-paths': ['error', { basePath: import.meta.dirname, zones: layerZones() }] },
  },
  {
    files: ['src/raft/**', 'src/sim/**', 'src/debug/**', 'src/teach/**'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Use the seeded Prng: the simulation must be deterministic.' },
        { object: 'Date', property: 'now', message: 'The simulation runs on virtual time.' },
        { object: 'performance', property: 'now', message: 'The simulation runs on virtual time.' },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'setTimeout', message: 'Timers are deadlines on the virtual clock.' },
        { name: 'setInterval', message: 'Timers are deadlines on the virtual clock.' },
      ],
    },
  },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked },
);
