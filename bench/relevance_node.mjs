// Runs the search client (themes/default/static/js/search*.js) under node for
// bench/relevance.py: per query, every match in the client's order (for recall), the
// first page of results as the results page shows it (exact text checked), and what a
// first query costs in the header box and on the results page: gzip-compressed bytes,
// and (`header_cost`, `page_cost`) files, rounds of requests, bytes as parsed, postings
// decoded and candidates scored (bench/client.mjs, loads answered round by round).
//
//   node bench/relevance_node.mjs <public/search> <queries.json>
//
// queries.json: ["query", ...]. Prints one JSON line per query.

import fs from 'node:fs';
import { loadClient } from './client.mjs';

const [dir, queriesFile] = process.argv.slice(2);
const client = loadClient(dir, { rounds: true });
const S = client.S;

for (const q of JSON.parse(fs.readFileSync(queriesFile, 'utf8'))) {
  const out = { q };
  // As each asks: the header box 8 results, the results page 20, the excerpts of its
  // first screen now and the others' as they scroll into view (search-ui.js).
  for (const [view, limit, excerpts] of [['header', 8, true], ['page', 20, 8]]) {
    client.forget();
    const res = await S.search(q, { limit, facets: false, excerpts });
    out[view + '_gz'] = client.gz();
    out[view + '_cost'] = client.cost();
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
