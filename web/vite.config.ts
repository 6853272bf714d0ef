import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib';
import { createRequest, formatDocument, stringifyDocument } from '@urql/core';
import type { DocumentNode } from 'graphql';
import { defineConfig, type Plugin } from 'vitest/config';
import react from '@vitejs/plugin-react';

const root = dirname(fileURLToPath(import.meta.url));
const outDir = 'dist/app';

/** A graphql(`…`) document as the app sends it: comments dropped, whitespace folded. */
const graphqlCall = /\bgraphql\(\s*`([^`]*)`\s*\)/g;
const foldGraphQL = (source: string) => source.replace(/#[^\n]*/g, '').replace(/\s+/g, ' ').trim();

/**
 * Inlines each `graphql(`…`)` document as its source text, so a page's
 * queries travel in that page's chunk. Without it every document of the app
 * (as an AST, through the codegen map in src/gql) sits in the first load.
 * Types are unaffected: TypeScript still reads the call and the generated
 * overloads; urql parses the text once and caches it.
 */
function inlineGraphQL(): Plugin {
  return {
    name: 'turbota-inline-graphql',
    enforce: 'pre',
    transform(code, id) {
      if (id.includes('/node_modules/') || id.includes('/src/gql/') || !/\.tsx?$/.test(id) || !code.includes('graphql(`')) return null;
      const out = code.replace(graphqlCall, (whole, source: string) => source.includes('${') ? whole : JSON.stringify(foldGraphQL(source)));
      return { code: out, map: null };
    },
  };
}

/**
 * The queries src/boot.ts sends as the page starts, before the app's code
 * has arrived: taken from the app's own documents at build time, in the very
 * form urql sends them (with __typename added), so that the app can use the
 * answers in place of asking again. The app checks the text before it does.
 */
const bootQueries = ['Viewer', 'Permissions', 'CasePage'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'gql' ? [] : sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

/** A start-up query: its text as urql sends it, and its variables and fields, to be asked for together with the others. */
interface BootQuery {
  query: string;
  variables: string;
  fields: string;
}

function findBootQueries(): Record<string, BootQuery> {
  const found: Record<string, BootQuery> = {};
  for (const file of sourceFiles(join(root, 'src'))) {
    for (const [, source] of readFileSync(file, 'utf8').matchAll(graphqlCall)) {
      const name = /^\s*query\s+(\w+)/.exec(source)?.[1];
      if (!name || !bootQueries.includes(name)) continue;
      const query = stringifyDocument(formatDocument(createRequest(foldGraphQL(source), {}).query as DocumentNode));
      const open = query.indexOf('{');
      found[name] = { query, variables: /\(([^)]*)\)/.exec(query.slice(0, open))?.[1] ?? '', fields: query.slice(open + 1, query.lastIndexOf('}')) };
    }
  }
  const missing = bootQueries.filter((q) => !found[q]);
  if (missing.length) throw new Error(`vite.config.ts: the start-up queries ${missing.join(', ')} are gone from src; update bootQueries`);
  return found;
}

/**
 * For each route of App.tsx, the chunks and styles of its page, which the
 * server announces in index.html as <link rel=modulepreload>/stylesheet:
 * on a slow line the page's code then comes alongside the app's instead of
 * after it. Read from App.tsx (`pages` and `routes`) so new pages are covered.
 */
function routePreloads(): Plugin {
  return {
    name: 'turbota-route-preloads',
    apply: 'build',
    generateBundle(_, bundle) {
      const app = readFileSync(join(root, 'src/App.tsx'), 'utf8');
      const pageFiles = new Map<string, string>();
      for (const [, key, spec] of app.matchAll(/^\s*(\w+): \(\) => import\('(\.[^']+)'\)/gm)) pageFiles.set(key, resolve(root, 'src', spec));
      const routes = [...app.matchAll(/\{ path: '([^']+)', page: '(\w+)' \}/g)].map(([, path, page]) => ({ path, page }));
      if (pageFiles.size === 0 || routes.length === 0) {
        this.warn('no pages or routes found in App.tsx: index.html will not preload page chunks');
        return;
      }
      const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
      const entry = chunks.filter((c) => c.isEntry);
      // What the entries load anyway (index.html links it already).
      const initial = new Set<string>();
      const walk = (fileName: string, into: Set<string>) => {
        if (into.has(fileName)) return;
        into.add(fileName);
        const c = bundle[fileName];
        if (c?.type === 'chunk') for (const i of c.imports) walk(i, into);
      };
      for (const c of entry) walk(c.fileName, initial);
      const initialCss = new Set([...initial].flatMap((f) => {
        const c = bundle[f];
        return c?.type === 'chunk' ? [...(c.viteMetadata?.importedCss ?? [])] : [];
      }));
      const out = routes.flatMap(({ path, page }) => {
        const file = pageFiles.get(page);
        const chunk = chunks.find((c) => c.moduleIds.some((id) => id.replace(/\.tsx?$/, '') === file));
        if (!chunk) return [];
        const needed = new Set<string>();
        walk(chunk.fileName, needed);
        const scripts = [...needed].filter((f) => !initial.has(f));
        const styles = [...needed].flatMap((f) => {
          const c = bundle[f];
          return c?.type === 'chunk' ? [...(c.viteMetadata?.importedCss ?? [])] : [];
        }).filter((f, i, all) => all.indexOf(f) === i && !initialCss.has(f));
        return [{ path, scripts: scripts.map((f) => '/' + f), styles: styles.map((f) => '/' + f) }];
      });
      this.emitFile({ type: 'asset', fileName: 'preload.json', source: JSON.stringify(out, null, 1) + '\n' });
    },
  };
}

/**
 * Writes a Brotli (.br) and a gzip (.gz) copy of every text file of the
 * build that is worth it; web/embed.go serves them to browsers that accept
 * them. Compressed once at the highest levels here, never per request.
 */
function precompress(): Plugin {
  return {
    name: 'turbota-precompress',
    apply: 'build',
    closeBundle() {
      const dir = join(root, outDir);
      const walk = (d: string): string[] => readdirSync(d).flatMap((n) => (statSync(join(d, n)).isDirectory() ? walk(join(d, n)) : [join(d, n)]));
      for (const file of walk(dir)) {
        if (!/\.(js|mjs|css|html|svg|json|txt|map)$/.test(file)) continue;
        const data = readFileSync(file);
        if (data.length < 1024) continue;
        const br = brotliCompressSync(data, { params: { [zlib.BROTLI_PARAM_QUALITY]: 11, [zlib.BROTLI_PARAM_SIZE_HINT]: data.length, [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT } });
        const gz = gzipSync(data, { level: 9 });
        if (br.length < data.length * 0.9) writeFileSync(file + '.br', br);
        if (gz.length < data.length * 0.9) writeFileSync(file + '.gz', gz);
      }
    },
  };
}

/** The labels of the case header the server paints first (web/firstpaint.go), by language. */
const paintLabels = ['case.familyTitle', 'case.untitled', 'case.number', 'case.opened', 'case.manager', 'case.children', 'cases.unassigned'];

/**
 * Writes boot.json for the server: the case page's query as the app sends
 * it, which the server answers inside the page it serves, and the labels
 * of the header it paints from that answer before the app's code arrives.
 */
function firstPaint(): Plugin {
  return {
    name: 'turbota-first-paint',
    apply: 'build',
    generateBundle() {
      const labels: Record<string, Record<string, string>> = {};
      for (const lang of ['uk', 'en']) {
        const all = JSON.parse(readFileSync(join(root, `src/i18n/${lang}.json`), 'utf8')) as Record<string, Record<string, string>>;
        const pick: Record<string, string> = {};
        for (const key of paintLabels) {
          const [group, name] = key.split('.');
          if (typeof all[group]?.[name] !== 'string') throw new Error(`vite.config.ts: the label ${key} is gone from ${lang}.json`);
          pick[key] = all[group][name];
        }
        for (const [status, label] of Object.entries(all.caseStatus ?? {})) pick[`caseStatus.${status}`] = label;
        labels[lang] = pick;
      }
      const queries = { CasePage: findBootQueries().CasePage.query };
      this.emitFile({ type: 'asset', fileName: 'boot.json', source: JSON.stringify({ queries, labels }) + '\n' });
    },
  };
}

/** Puts the boot entry in index.html as an async module script, ahead of the app's: it runs as soon as it arrives. */
function bootScript(): Plugin {
  return {
    name: 'turbota-boot-script',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const boot = Object.values(ctx.bundle ?? {}).find((c) => c.type === 'chunk' && c.isEntry && c.name === 'boot');
        if (!boot) throw new Error('vite.config.ts: the boot entry is missing from the build');
        return html.replace('<script type="module"', `<script type="module" async crossorigin src="/${boot.fileName}"></script>\n    <script type="module"`);
      },
    },
  };
}

/**
 * Writes sw.js (the service worker, web/sw.js) with the build's version, so
 * that a new build's worker drops the files of the old one. The worker keeps
 * the built code and styles and "/" only: no data, no painted pages.
 */
function serviceWorker(): Plugin {
  return {
    name: 'turbota-service-worker',
    apply: 'build',
    generateBundle(_, bundle) {
      const files = Object.keys(bundle).filter((f) => f.startsWith('assets/')).sort();
      const version = createHash('sha256').update(files.join('\n')).digest('hex').slice(0, 16);
      const source = readFileSync(join(root, 'sw.js'), 'utf8').replace('self.__TURBOTA_BUILD__', JSON.stringify({ version }));
      this.emitFile({ type: 'asset', fileName: 'sw.js', source });
    },
  };
}

const pageOnlyLibraries = new RegExp('node_modules[\\\\/](' + ['@mantine[\\\\/](dates|charts)', 'dayjs', 'recharts', '@reduxjs', 'redux', 'react-redux', 'reselect',
  'immer', 'es-toolkit', 'eventemitter3', 'decimal\\.js-light', 'victory-vendor', 'd3-[a-z-]+', 'internmap', 'tiny-invariant', 'qrcode\\.react'].join('|') + ')[\\\\/]');

export default defineConfig(({ command }) => ({
  plugins: [inlineGraphQL(), react(), bootScript(), routePreloads(), firstPaint(), serviceWorker(), precompress()],
  define: { __BOOT_QUERIES__: command === 'build' ? JSON.stringify(findBootQueries()) : 'null' },
  build: {
    outDir,
    emptyOutDir: true,
    sourcemap: false,
    // One stylesheet for the whole app (Mantine's is most of it): one request, cached across pages.
    cssCodeSplit: false,
    rolldownOptions: {
      // boot.ts is an entry of its own, announced in index.html by bootScript().
      input: { index: join(root, 'index.html'), boot: join(root, 'src/boot.ts') },
      output: {
        // Few, stable chunks: on a slow line each request costs a round trip
        // (and a browser opens only six connections over HTTP/1.1), so the
        // libraries travel as one file that survives app updates in the cache,
        // and Mantine's small shared pieces do not become a dozen requests.
        codeSplitting: {
          groups: [
            // Libraries only some pages need stay with those pages: the date
            // pickers (and dayjs) where forms need them, the charts (recharts
            // and what it brings) on the dashboards, the TOTP QR code.
            { name: 'vendor', test: (id) => id.includes('node_modules') && !pageOnlyLibraries.test(id), priority: 2 },
          ],
        },
      },
    },
  },
  server: { proxy: { '/graphql': process.env.TURBOTA_API ?? 'http://127.0.0.1:8080' } },
  test: { pool: 'threads', environment: 'jsdom', setupFiles: ['./src/test-setup.ts'], include: ['src/**/*.test.{ts,tsx}'] },
}));
