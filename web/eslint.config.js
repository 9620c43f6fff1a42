// ESLint flat config: JS + typescript-eslint recommended rules, and eslint-plugin-svelte's
// for components; formatting is left to Prettier (eslint-config-prettier and the Svelte
// plugin's prettier config turn off the rules that would conflict with it).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import svelte from 'eslint-plugin-svelte';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import svelteConfig from './svelte.config.js';

export default defineConfig(
  // Build output, installed packages, browser-test artefacts and `npm run codegen`'s output.
  globalIgnores(['dist/', 'node_modules/', 'test-results/', 'src/gql/']),
  js.configs.recommended,
  tseslint.configs.recommended,
  svelte.configs.recommended,
  prettier,
  svelte.configs.prettier,
  { files: ['src/**/*.{ts,svelte}'], languageOptions: { globals: globals.browser } },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'], svelteConfig } },
  },
  {
    // codegen reads operations from .ts files only: one written in a component would not be typed.
    files: ['**/*.svelte'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/gql'],
              importNames: ['graphql'],
              message: 'Write operations in a .ts module (operations.ts): codegen does not read .svelte files.',
            },
          ],
        },
      ],
    },
  },
  { files: ['*.config.{js,ts}', 'codegen.ts'], languageOptions: { globals: globals.node } },
  // The browser tests run in Node, but the callbacks given to page.evaluate run in the page.
  { files: ['tests/**/*.mjs'], languageOptions: { globals: { ...globals.node, ...globals.browser } } },
);
