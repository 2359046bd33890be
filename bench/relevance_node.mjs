// Runs the search client (themes/default/static/js/search*.js) under node for
// bench/relevance.py: per query, every match in the client's order (for recall), the
// first page of results as the results page shows it (exact text checked), and the
// gzip-compressed bytes a first query loads in the header box and on the results page.
//
//   node bench/relevance_node.mjs <public/search> <queries.json>
//
// queries.json: ["query", ...]. Prints one JSON line per query.

import fs from 'node:fs';
import { loadClient } from './client.mjs';

const [dir, queriesFile] = process.argv.slice(2);
const client = loadClient(dir);
const S = client.S;

for (const q of JSON.parse(fs.readFileSync(queriesFile, 'utf8'))) {
  const out = { q };
  for (const [view, limit] of [['header', 8], ['page', 20]]) {
    client.forget();
    const res = await S.search(q, { limit, facets: false });
    out[view + '_gz'] = client.gz();
    if (view === 'page') {
      out.page = res.results.map((r) => r.doc);
      out.page_titles = res.results.map((r) => r.title);
    }
  }
  // Every match (no excerpts: the order before exact text is checked).
  const all = await S.search(q, { limit: 1e9, excerpts: false, facets: false });
  out.all = all.results.map((r) => r.doc);
  console.log(JSON.stringify(out));
}
