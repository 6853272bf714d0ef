import { defineConfig, type Plugin } from 'vitest/config';
import react from '@vitejs/plugin-react';

/**
 * Inlines each `graphql(`…`)` document as its source text, so a page's
 * queries travel in that page's chunk. Without it every document of the app
 * (as an AST, through the codegen map in src/gql) sits in the first load.
 * Types are unaffected: TypeScript still reads the call and the generated
 * overloads; urql parses the text once and caches it.
 */
function inlineGraphQL(): Plugin {
  const call = /\bgraphql\(\s*`([^`]*)`\s*\)/g;
  return {
    name: 'turbota-inline-graphql',
    enforce: 'pre',
    transform(code, id) {
      if (id.includes('/node_modules/') || id.includes('/src/gql/') || !/\.tsx?$/.test(id) || !code.includes('graphql(`')) return null;
      const out = code.replace(call, (whole, source: string) => source.includes('${') ? whole : JSON.stringify(source.replace(/#[^\n]*/g, '').replace(/\s+/g, ' ').trim()));
      return { code: out, map: null };
    },
  };
}

export default defineConfig({
  plugins: [inlineGraphQL(), react()],
  build: { outDir: 'dist/app', emptyOutDir: true, sourcemap: false },
  server: { proxy: { '/graphql': process.env.TURBOTA_API ?? 'http://127.0.0.1:8080' } },
  test: { pool: 'threads', environment: 'jsdom', setupFiles: ['./src/test-setup.ts'], include: ['src/**/*.test.{ts,tsx}'] },
});
