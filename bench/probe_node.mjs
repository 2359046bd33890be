// Runs the search client under node for bench/probe_search.py: per query, the results
// page's first 20 results (exact text checked, excerpts built) and every match, or the
// exception the client threw (a query must never make it throw).
//
//   node bench/probe_node.mjs <public/search> <queries.json>
//
// queries.json: ["query", ...]. Prints one JSON line per query.

import fs from 'node:fs';
import { loadClient } from './client.mjs';

const [dir, queriesFile] = process.argv.slice(2);
const client = loadClient(dir);
const S = client.S;

for (const q of JSON.parse(fs.readFileSync(queriesFile, 'utf8'))) {
  const out = { q };
  try {
    client.forget();
    const res = await S.search(q, { limit: 20, facets: false });
    out.page = res.results.map((r) => r.doc);
    out.page_titles = res.results.map((r) => r.title);
    out.folded = res.folded || null;
    const all = await S.search(q, { limit: 1e9, excerpts: false, facets: false });
    out.all = all.results.map((r) => r.doc);
  } catch (e) {
    out.error = String((e && e.stack) || e).slice(0, 500);
    out.page = [];
    out.page_titles = [];
    out.all = [];
  }
  console.log(JSON.stringify(out));
}
