// The search client (themes/default/static/js/search*.js) loaded under node for the
// benchmarks, reading the index from a built site's `search/` folder and counting the
// gzip-compressed bytes of every index file it loads.
//
//   const c = loadClient(dir); await c.S.search(q); c.gz(); c.forget();

import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const scripts = path.join(here, '..', 'themes', 'default', 'static', 'js');

/**
 * {S: the client, load(name): its loader (reads and counts a file), gz(): bytes loaded
 * since forget(), files(): their sizes, forget()}.
 */
export function loadClient(dir) {
  // In the order the pages load them (the theme's base.html), the UI left out.
  const template = fs.readFileSync(path.join(scripts, '..', '..', 'templates', 'base.html'), 'utf8');
  const files = [...template.matchAll(/js\/(search[\w-]*\.js)"/g)].map((m) => m[1]);
  for (const file of files.filter((name) => name !== 'search-ui.js')) {
    vm.runInThisContext(fs.readFileSync(path.join(scripts, file), 'utf8'), { filename: file });
  }
  const S = globalThis.PmoSearch;
  let loaded = new Map();
  function load(name) {
    let code;
    try {
      code = fs.readFileSync(path.join(dir, name + '.js'));
    } catch (e) {
      // As a browser's script load fails on a missing file: the client's to handle.
      return Promise.reject(e);
    }
    if (!loaded.has(name)) loaded.set(name, zlib.gzipSync(code, { level: 6 }).length);
    new Function('PmoSearch', code.toString('utf8'))(S);
    return Promise.resolve();
  }
  S.configure({ base: dir, load });
  return {
    S,
    load,
    gz: () => [...loaded.values()].reduce((a, b) => a + b, 0),
    files: () => loaded,
    forget: () => { S.reset(); loaded = new Map(); },
  };
}
