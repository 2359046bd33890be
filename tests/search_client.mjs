// Runs the browser search client (themes/default/static/js/search*.js) under node against a
// built index, for tests/search.rs and for trying queries by hand.
//
//   node tests/search_client.mjs <public/search> '<json array of queries>'
//
// A query is a string or {q, filters?, limit?, offset?, warm?}; with warm, the client is
// warmed (PmoSearch.warm()) before the query. Prints one JSON line per query:
// {q, filters, total, results: [{url, title, kind, date, dateShown, excerpt, score, synonym}], facets,
//  folded, widened, relaxed, fillers, bytes,
//  files, rounds} where `bytes` is the size of every index file the query loaded from a
// fresh cache (each file counted once), `files` their names, and `rounds` the names it
// asked for in each round of requests (a file asked for while none of those before it
// was answered is in the same round; those asked for by warm() are `warmed`).

import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const scripts = path.join(here, '..', 'themes', 'default', 'static', 'js');
// The client's scripts in the order the pages load them (the theme's base.html), the UI
// (search-ui.js) left out: the API (search.js) comes last.
const template = fs.readFileSync(path.join(here, '..', 'themes', 'default', 'templates', 'base.html'), 'utf8');
const clientFiles = [...template.matchAll(/js\/(search[\w-]*\.js)"/g)]
  .map((m) => m[1])
  .filter((name) => name !== 'search-ui.js');
const clientPath = path.join(scripts, 'search.js');

const [dir, queriesJson] = process.argv.slice(2);
if (!dir || !queriesJson) {
  console.error('usage: node tests/search_client.mjs <path-to-public/search> <json-array-of-queries>');
  process.exit(2);
}
if (!fs.existsSync(path.join(dir, 'meta.js'))) {
  console.error(`no search index in ${dir} (meta.js is missing)`);
  process.exit(2);
}

// Load the client as the classic scripts it is: the last defines globalThis.PmoSearch.
for (const name of clientFiles) {
  const file = path.join(scripts, name);
  vm.runInThisContext(fs.readFileSync(file, 'utf8'), { filename: file });
}
const PmoSearch = globalThis.PmoSearch;
if (!PmoSearch || typeof PmoSearch.search !== 'function') {
  console.error(`${clientPath} did not define PmoSearch`);
  process.exit(1);
}

let loaded = new Map();
// Loads are answered in rounds, as a network would: every file asked for while none is
// answered yet is one round, answered together once the client has nothing else to do.
let rounds = [];
let waiting = [];
function answer() {
  const batch = waiting;
  waiting = [];
  rounds.push(batch.map(([name]) => name));
  for (const [name, resolve, reject] of batch) {
    try {
      const code = fs.readFileSync(path.join(dir, name + '.js'));
      if (!loaded.has(name)) loaded.set(name, code.length);
      new Function('PmoSearch', code.toString('utf8'))(PmoSearch);
      resolve();
    } catch (err) {
      reject(err);
    }
  }
}
PmoSearch.configure({
  base: dir,
  load(name) {
    return new Promise((resolve, reject) => {
      if (!waiting.length) setImmediate(answer);
      waiting.push([name, resolve, reject]);
    });
  },
});

const queries = JSON.parse(queriesJson);
let failed = false;
for (const entry of queries) {
  const query = typeof entry === 'string' ? { q: entry } : entry;
  PmoSearch.reset();
  loaded = new Map();
  rounds = [];
  try {
    // As the header box does when focused, before the query is typed.
    if (query.warm) await PmoSearch.warm();
    const warmed = rounds.length;
    const res = await PmoSearch.search(query.q, {
      filters: query.filters || {},
      limit: query.limit ?? 10,
      offset: query.offset ?? 0,
      ...(query.excerpts === undefined ? {} : { excerpts: query.excerpts }),
    });
    const bytes = [...loaded.values()].reduce((a, b) => a + b, 0);
    const files = [...loaded.keys()];
    // The excerpts of the results given them later, as they scroll into view.
    const later = await Promise.all(res.results.map((r) => (r.later ? r.later() : null)));
    console.log(JSON.stringify({
      q: query.q,
      filters: query.filters || {},
      total: res.total,
      results: res.results.map(({ url, title, kind, date, dateShown, excerpt, score, exact, titleMatch, synonym }) => ({ url, title, kind, date, dateShown, excerpt, score, exact, titleMatch, synonym })),
      facets: res.facets,
      terms: res.terms,
      folded: res.folded,
      widened: res.widened,
      relaxed: res.relaxed,
      fillers: res.fillers,
      asDate: res.asDate,
      bytes,
      files,
      later,
      rounds: rounds.slice(warmed),
      warmed: rounds.slice(0, warmed),
    }));
  } catch (err) {
    failed = true;
    console.log(JSON.stringify({ q: query.q, error: String(err && err.stack || err) }));
  }
}
// Not process.exit(): it would cut off output still queued for a pipe (past 64 KB).
process.exitCode = failed ? 1 : 0;
