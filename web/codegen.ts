// Typed GraphQL operations generated from the server's committed SDL: a breaking
// schema change makes `npm run build` fail at type-check.
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: '../api/schema.graphql',
  documents: ['src/**/*.ts', '!src/gql/**/*'],
  ignoreNoDocuments: false,
  generates: {
    './src/gql/': {
      preset: 'client',
      config: {
        documentMode: 'string',
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
