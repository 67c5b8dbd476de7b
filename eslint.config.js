// ESLint: TypeScript and Svelte, recommended rules; formatting is Prettier's job (npm run format).
import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';

export default ts.config(
  { ignores: ['node_modules/', 'ui/dist/', 'db/target/', 'bench/results/', '.neo4j/', 'dist/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      // Unused names are errors, except those deliberately named with a leading underscore.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      // Tests and boundary code read untyped JSON; `any` there is a choice, not an accident.
      '@typescript-eslint/no-explicit-any': 'off',
      // The explorer keeps immutable collections in $state.raw and replaces them whole; a plain
      // Map or Set built inside a $derived is not state either.
      'svelte/prefer-svelte-reactivity': 'off',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'] } },
  },
);
