// The search client (themes/default/static/js/search*.js) loaded under node for the
// benchmarks, reading the index from a built site's `search/` folder and counting what a
// query costs whatever the machine's load: the index files it loads, their bytes gzip-
// compressed and as parsed, the rounds of requests it waits for one after another, the
// postings it decodes and the candidates it scores.
//
//   const c = loadClient(dir); await c.S.search(q); c.gz(); c.cost(); c.forget();
//   const c = loadClient(dir, { rounds: true });   // loads answered round by round

import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const scripts = path.join(here, '..', 'themes', 'default', 'static', 'js');

/**
 * {S: the client, load(name): its loader (reads and counts a file), gz(): bytes loaded
 * since forget(), files(): their sizes, cost(): the counts below, forget()}.
 *
 * With `rounds`, each load is answered only once the client has nothing else to do, all
 * loads asked for meanwhile together: one round of requests, as a browser waits for them
 * (bench/rounds.mjs). cost() is then {files, rounds, gz, raw, postings, candidates}:
 * `raw` the bytes the browser parses (the files as written), `postings` the postings
 * decoded (every term's and places' list, once each), `candidates` the pages matched
 * and scored, summed over the client's runs of the query (a widened or mended query
 * runs again).
 */
export function loadClient(dir, { rounds = false } = {}) {
  // In the order the pages load them (the theme's base.html), the UI left out.
  const template = fs.readFileSync(path.join(scripts, '..', '..', 'templates', 'base.html'), 'utf8');
  const files = [...template.matchAll(/js\/(search[\w-]*\.js)"/g)].map((m) => m[1]);
  let candidates = 0;
  for (const file of files.filter((name) => name !== 'search-ui.js')) {
    vm.runInThisContext(fs.readFileSync(path.join(scripts, file), 'utf8'), { filename: file });
    const P = globalThis.PmoSearchParts;
    // Counted before the files after it take the function into their own scope.
    if (file === 'search-rank.js' && P && typeof P.match === 'function') {
      const match = P.match;
      P.match = function (...args) {
        const found = match.apply(this, args);
        candidates += found && typeof found.length === 'number' ? found.length : 0;
        return found;
      };
    }
  }
  const S = globalThis.PmoSearch;
  const P = globalThis.PmoSearchParts;
  let loaded = new Map();
  let raw = 0;
  function load(name) {
    let code;
    try {
      code = fs.readFileSync(path.join(dir, name + '.js'));
    } catch (e) {
      // As a browser's script load fails on a missing file: the client's to handle.
      return Promise.reject(e);
    }
    if (!loaded.has(name)) {
      loaded.set(name, zlib.gzipSync(code, { level: 6 }).length);
      raw += code.length;
    }
    new Function('PmoSearch', code.toString('utf8'))(S);
    return Promise.resolve();
  }
  let waiting = [];
  let round = 0;
  function answer() {
    const batch = waiting;
    waiting = [];
    round++;
    for (const [name, resolve, reject] of batch) load(name).then(resolve, reject);
  }
  function held(name) {
    return new Promise((resolve, reject) => {
      if (!waiting.length) setImmediate(answer);
      waiting.push([name, resolve, reject]);
    });
  }
  S.configure({ base: dir, load: rounds ? held : load });
  /** The postings decoded since forget(): every term's list and places, once each. */
  function postings() {
    let n = 0;
    for (const table of [P && P.decoded, P && P.placesDecoded]) {
      for (const v of Object.values(table || {})) {
        if (v && v.docs && typeof v.docs.length === 'number') n += v.docs.length;
        else if (v && typeof v.length === 'number') n += v.length;
      }
    }
    return n;
  }
  return {
    S,
    load,
    gz: () => [...loaded.values()].reduce((a, b) => a + b, 0),
    files: () => loaded,
    cost: () => ({
      files: loaded.size, rounds: round, gz: [...loaded.values()].reduce((a, b) => a + b, 0), raw,
      postings: postings(), candidates,
    }),
    forget: () => {
      S.reset();
      loaded = new Map();
      raw = 0;
      round = 0;
      candidates = 0;
    },
  };
}
