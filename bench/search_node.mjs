// Runs the search client (themes/default/static/js/search.js) under node for
// bench/search.py: recall against a brute-force answer, and what a first query loads.
//
//   node bench/search_node.mjs <public/search> <queries.json>
//
// queries.json: [{q, expect: [doc numbers]}]. Prints one JSON object: per query the
// documents missed, and the gzip-compressed bytes a first query loads (fresh cache) in
// the header box, on the results page, and for the facets the results page adds after.

import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const scripts = path.join(here, '..', 'themes', 'default', 'static', 'js');
const clientPath = path.join(scripts, 'search.js');
const [dir, queriesFile] = process.argv.slice(2);
// The text rules first, as the pages load them.
for (const file of [path.join(scripts, 'search-text.js'), clientPath]) {
  vm.runInThisContext(fs.readFileSync(file, 'utf8'), { filename: file });
}
const S = globalThis.PmoSearch;

let loaded = new Map();
S.configure({
  base: dir,
  load(name) {
    const code = fs.readFileSync(path.join(dir, name + '.js'));
    if (!loaded.has(name)) loaded.set(name, zlib.gzipSync(code, { level: 6 }).length);
    new Function('PmoSearch', code.toString('utf8'))(S);
    return Promise.resolve();
  },
});

const queries = JSON.parse(fs.readFileSync(queriesFile, 'utf8'));
const out = { recall: [], first: [] };
for (const { q, expect } of queries) {
  // Recall: every document, no excerpts (the cache is kept: this part is not timed).
  const all = await S.search(q, { limit: 1e9, excerpts: false, facets: false });
  const got = new Set(all.results.map((r) => r.doc));
  const missed = expect.filter((d) => !got.has(d));
  out.recall.push({ q, expected: expect.length, found: all.total, missed: missed.slice(0, 5), nmissed: missed.length });
  // First query from an empty cache, as each part of the UI asks: the header box (8
  // results, no facets), the results page's first page (20, no facets), and the facet
  // files the results page loads after showing those.
  const sum = () => [...loaded.values()].reduce((a, b) => a + b, 0);
  for (const [view, limit] of [['header', 8], ['page', 20]]) {
    S.reset();
    loaded = new Map();
    await S.search(q, { limit, facets: false });
    const gz = sum();
    out.first.push({ q, view, gz, files: loaded.size, largest: Math.max(...loaded.values()) });
    if (view === 'page') {
      await S.search(q, { limit: 0, excerpts: false });
      out.first.push({ q, view: 'facets', gz: sum() - gz, files: loaded.size, largest: 0 });
    }
  }
  S.reset();
  loaded = new Map();
}
console.log(JSON.stringify(out));
