// The search client's own work per query, under node, with no file to wait for: each
// query is run once to load its files (as the header box asks: 8 results, no facets),
// then five times more with those files in memory and answered at once (the client's
// caches emptied each time), and the fastest run counts. That is decoding shards and
// ranked lists, matching, ranking, checking exact text and building excerpts, without
// the network or the parsing of index files: the part of a cold query that is the
// client's code. Prints median, p95 and max, then the slowest queries.
//
//   node bench/client_cpu.mjs <public/search> <queries.json> [client.mjs]
//
// client.mjs: another checkout's bench/client.mjs, to compare its client on the same
// index (e.g. /work/main/bench/client.mjs).

import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [dir, queriesFile, clientPath] = process.argv.slice(2);
const { loadClient } = await import(clientPath ? pathToFileURL(path.resolve(clientPath)).href : './client.mjs');
const c = loadClient(dir);
const rows = [];
for (const q of JSON.parse(fs.readFileSync(queriesFile, 'utf8'))) {
  c.forget();
  await c.S.search(q, { limit: 8, facets: false });
  const held = Object.assign({}, c.S._store());
  let best = Infinity;
  for (let i = 0; i < 5; i++) {
    c.S.configure({ load: (n) => (held[n] === undefined ? Promise.reject(new Error(n)) : Promise.resolve(held[n])) });
    const t = performance.now();
    await c.S.search(q, { limit: 8, facets: false });
    best = Math.min(best, performance.now() - t);
  }
  c.S.configure({ load: c.load });
  rows.push([best, q]);
}
const ms = rows.map((r) => r[0]).sort((a, b) => a - b);
const at = (p) => ms[Math.min(ms.length - 1, Math.round(p * (ms.length - 1)))].toFixed(1);
console.log(JSON.stringify({ queries: ms.length, median_ms: +at(0.5), p95_ms: +at(0.95), max_ms: +at(1) }));
rows.sort((a, b) => b[0] - a[0]);
for (const [t, q] of rows.slice(0, 10)) console.log(t.toFixed(1), q);
