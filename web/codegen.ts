import type { CodegenConfig } from '@graphql-codegen/cli';

// Types come from the server's own SDL; nothing here is written by hand.
const config: CodegenConfig = {
  schema: '../graph/*.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**/*'],
  ignoreNoDocuments: true,
  generates: {
    './src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: { scalars: { ID: 'string', Time: 'string', Date: 'string', Cursor: 'string', Upload: 'File' }, enumsAsTypes: true },
    },
  },
};
export default config;
