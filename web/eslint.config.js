// ESLint flat config: JS + typescript-eslint recommended rules; formatting is left to
// Prettier (eslint-config-prettier turns off the rules that would conflict with it).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  // Build output, installed packages, browser-test artefacts and `npm run codegen`'s output.
  globalIgnores(['dist/', 'node_modules/', 'test-results/', 'src/gql/']),
  js.configs.recommended,
  tseslint.configs.recommended,
  { files: ['src/**/*.ts'], languageOptions: { globals: globals.browser } },
  { files: ['*.config.{js,ts}', 'codegen.ts'], languageOptions: { globals: globals.node } },
  // The browser tests run in Node, but the callbacks given to page.evaluate run in the page.
  { files: ['tests/**/*.mjs'], languageOptions: { globals: { ...globals.node, ...globals.browser } } },
  prettier,
);
