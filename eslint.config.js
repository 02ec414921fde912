import js from '@eslint/js';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import importX from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** An import of any of these top-level folders of source/, however many `../` it takes. */
const folders = (...names) => `^(\\.\\./)+(${names.join('|')})/`;

/** `source/<layer>/**` may import none of `forbidden` (see DESIGN.md, "Layout"). */
function layer(name, forbidden, why) {
  return {
    files: [`source/${name}/**/*.{ts,tsx}`],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: folders(...forbidden), message: why }] },
      ],
    },
  };
}

const product = ['engine', 'systems', 'checks', 'config', 'session', 'ui', 'commands', 'demo'];
const belowCommands =
  'the engine, systems, checks, config and session know nothing of how they are driven or shown';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'media/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.tsx', 'source/ui/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      eqeqeq: ['error', 'smart'],
    },
  },
  // The layers.
  ...['engine', 'systems', 'checks', 'config', 'session'].map((name) =>
    layer(name, ['ui', 'commands', 'lab', 'demo'], belowCommands),
  ),
  layer('ui', ['lab', 'commands', 'demo'], 'the UI renders what the engine says; it starts no lab'),
  layer('lab', product, 'the lab is a witness: it imports nothing of the product (only shared/)'),
  layer('shared', [...product, 'lab'], 'shared/ holds leaves: they import nothing of ours'),
  // No import cycles in the product or the lab.
  {
    files: ['source/**/*.{ts,tsx}'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: 'tsconfig.json' })],
      // Parse what is imported too, or no cycle through a .ts file is seen.
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/extensions': ['.ts', '.tsx', '.js'],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
);
