// The rounds of requests a cold query waits for, one after another, whatever the machine's
// load: the search client (themes/default/static/js/search*.js) under node, each load
// answered only once the client has nothing else to do, all loads asked for meanwhile
// together (one round). A query's time in a browser is about its rounds times the time
// of one, plus its work; bench/relevance.py's Chromium figures need an idle machine.
//
//   node bench/rounds.mjs <public/search> <queries.json> [limit=8] [--warm]
//
// queries.json: ["query", ...] (bench/relevance.py writes one: <out>/queries.json).
// --warm: meta loaded first, as the header box does when focused. Prints a JSON line
// per query ({q, rounds, kb_gz, files: ["<round>:<file>", ...]}), then a summary line.

import fs from 'node:fs';
import { loadClient } from './client.mjs';

const args = process.argv.slice(2);
const warm = args.includes('--warm');
const [dir, queriesFile, limitArg] = args.filter((a) => a !== '--warm');
const limit = Number(limitArg || 8);
const client = loadClient(dir);
const S = client.S;

// Wrap the counting loader: hold each load until the next round.
const load = (name) => client.load(name);
let waiting = [];
let round = 0;
let asked = [];
function answer() {
  const batch = waiting;
  waiting = [];
  round++;
  for (const [name, resolve, reject] of batch) load(name).then(resolve, reject);
}
S.configure({
  base: dir,
  load(name) {
    asked.push(round + ':' + name);
    return new Promise((resolve, reject) => {
      if (!waiting.length) setImmediate(answer);
      waiting.push([name, resolve, reject]);
    });
  },
});

const counts = [];
for (const q of JSON.parse(fs.readFileSync(queriesFile, 'utf8'))) {
  client.forget();
  if (warm) await S.warm();
  round = 0;
  asked = [];
  await S.search(q, { limit, facets: false });
  counts.push(round);
  console.log(JSON.stringify({ q, rounds: round, kb_gz: Math.round(client.gz() / 102.4) / 10, files: asked }));
}
const sorted = [...counts].sort((a, b) => a - b);
const at = (p) => sorted[Math.min(sorted.length - 1, Math.round(p * (sorted.length - 1)))];
const histogram = {};
for (const n of counts) histogram[n] = (histogram[n] || 0) + 1;
console.log(JSON.stringify({ queries: counts.length, limit, warm, median: at(0.5), p95: at(0.95), max: at(1), histogram }));
