// Lint, and above all the house plan's import directions (ARCHITECTURE.md): arrows only point down.
//   renderer → core/api (and core's label tables) · electron → db, core · db → core (types, plus the field table)
//   nothing imports renderer or electron.
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'worker_threads', 'http', 'url', 'util', 'events', 'stream', 'zlib', 'net'];
const uiPackages = ['react', 'react-dom', 'react/*', 'react-dom/*', '@mui/*', '@emotion/*', 'zustand', 'zustand/*', 'dayjs', 'dayjs/*'];
const rooms = (names) => names.map((n) => `**/${n}/**`).concat(names.map((n) => `**/${n}`));

const restrict = (groups, message) => ({ patterns: [{ group: groups, message }] });

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '**/*.cjs', 'scripts/**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
    },
  },
  {
    files: ['core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', restrict([...nodeBuiltins, 'electron', 'better-sqlite3', ...uiPackages, ...rooms(['db', 'electron', 'renderer'])], 'core/ is pure TypeScript: no Node, Electron, SQLite or UI imports, and nothing from db/, electron/ or renderer/.')],
      'no-restricted-globals': ['error', { name: 'process', message: 'core/ takes time, environment and randomness as parameters.' }],
      'no-restricted-syntax': ['error', { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'core/ is deterministic: use a seeded generator.' }, { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'core/ is deterministic: time is a parameter.' }],
    },
  },
  {
    files: ['db/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [
          { group: ['electron', ...uiPackages, ...rooms(['electron', 'renderer'])], message: 'db/ sits below electron/ and renderer/.' },
          { regex: '^(\\.\\./)+core/(?!worklist/fields$|api(/|$))', allowTypeImports: true, message: 'db/ takes only types from core/ (and the field table that defines its columns).' },
        ],
      }],
    },
  },
  {
    files: ['electron/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', restrict([...uiPackages, ...rooms(['renderer'])], 'electron/ never imports the renderer.')],
    },
  },
  {
    files: ['electron/backend/**/*.ts', 'electron/http.ts', 'electron/cli.ts', 'electron/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', restrict(['electron', ...uiPackages, ...rooms(['renderer'])], 'The backend, HTTP transport and CLI run without Electron.')],
    },
  },
  {
    // The rules of hooks, and every React-Compiler check that finds real bugs here; see the comment on the ones off.
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.flat.recommended.rules,
      'react-hooks/exhaustive-deps': 'error',
      // A // or /* comment written between JSX tags is text on screen (one showed in the merge dialog, 2026-12-07).
      'no-restricted-syntax': ['error', { selector: 'JSXText[value=/^\\s*(\\/\\/|\\/\\*)/]', message: 'This comment is JSX text and shows on screen: write {/* … */}.' }],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    rules: {
      'no-restricted-imports': ['error', restrict([...nodeBuiltins, 'electron', 'better-sqlite3', 'xlsx', ...rooms(['db', 'electron'])], 'The renderer talks to the backend only through core/api and a Transport.')],
    },
  },
);
