// Typed GraphQL operations generated from the server's committed SDL: a breaking
// schema change makes `npm run build` fail (codegen validates every operation, then
// svelte-check type-checks what uses them).
//
// Operations are written in .ts modules only (each page's operations.ts, and lib/): this
// loader does not read .svelte files, and ESLint forbids `graphql()` in them.
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: '../api/schema.graphql',
  documents: ['src/**/*.ts', '!src/gql/**/*'],
  ignoreNoDocuments: false,
  generates: {
    './src/gql/': {
      preset: 'client',
      // A fragment's fields are part of the operation's type (no masking): pages share a
      // fragment between the query that lists something and the mutation that changes it.
      presetConfig: { fragmentMasking: false },
      config: {
        // Typed DocumentNodes, as urql takes them (and keys its document cache by).
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: {
          UUID: 'string',
          NaiveDate: 'string',
          NaiveDateTime: 'string',
          DateTime: 'string',
          NaiveTime: 'string',
        },
      },
    },
  },
};

export default config;
