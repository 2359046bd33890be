// Runs the search client (themes/default/static/js/search*.js) under node for
// bench/search.py: recall against a brute-force answer, and what a first query loads.
//
//   node bench/search_node.mjs <public/search> <queries.json>
//
// queries.json: [{q, expect: [doc numbers]}]. Prints one JSON object: per query the
// documents missed, and the gzip-compressed bytes a first query loads (fresh cache) in
// the header box, on the results page, and for the facets the results page adds after.

import fs from 'node:fs';
import { loadClient } from './client.mjs';

const [dir, queriesFile] = process.argv.slice(2);
const client = loadClient(dir);
const S = client.S;

const queries = JSON.parse(fs.readFileSync(queriesFile, 'utf8'));
const out = { recall: [], first: [] };
for (const { q, expect } of queries) {
  // Recall: every document, no excerpts (the cache is kept: this part is not timed).
  const all = await S.search(q, { limit: 1e9, excerpts: false, facets: false });
  const got = new Set(all.results.map((r) => r.doc));
  const missed = expect.filter((d) => !got.has(d));
  out.recall.push({ q, expected: expect.length, found: all.total, missed: missed.slice(0, 5), nmissed: missed.length });
  // First query from an empty cache, as each part of the UI asks: the header box (8
  // results, no facets), the results page's first page (20, no facets, the excerpts of
  // its first 8: the others load as they scroll near), and the facet files the results
  // page loads after showing those.
  for (const [view, limit, excerpts] of [['header', 8, true], ['page', 20, 8]]) {
    client.forget();
    await S.search(q, { limit, facets: false, excerpts });
    const gz = client.gz();
    const loaded = client.files();
    out.first.push({ q, view, gz, files: loaded.size, largest: Math.max(...loaded.values()) });
    if (view === 'page') {
      await S.search(q, { limit: 0, excerpts: false });
      out.first.push({ q, view: 'facets', gz: client.gz() - gz, files: client.files().size, largest: 0 });
    }
  }
  client.forget();
}
console.log(JSON.stringify(out));
