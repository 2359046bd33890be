// A static file server for the browser benchmarks, as an intranet's web server serves a
// portal (nginx, IIS, `pmo serve`): HTTP/1.1 with keep-alive, files read asynchronously,
// Last-Modified and 304 answers like Python's stdlib server. Python's stdlib server
// (bench/search.py's default) speaks HTTP/1.0: a connection and a thread per file, which
// on two busy cores costs more per file than the portal's own work.
//
//   node bench/static_server.mjs <folder>      prints the port it listens on (127.0.0.1)
//
// PMO_BENCH_LATENCY_MS=20 holds each answer that long first: a portal on an intranet or
// over a VPN, where a round of requests costs a round trip (localhost costs none).

import fs from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';

const root = path.resolve(process.argv[2] || '.');
const types = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.svg': 'image/svg+xml',
};

const latency = Number(process.env.PMO_BENCH_LATENCY_MS || 0);

const server = http.createServer(async (req, res) => {
  if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
  try {
    let file = path.join(root, decodeURIComponent(new URL(req.url, 'http://x').pathname));
    if (!file.startsWith(root)) throw new Error('outside');
    let stat = await fs.stat(file);
    if (stat.isDirectory()) {
      file = path.join(file, 'index.html');
      stat = await fs.stat(file);
    }
    const modified = stat.mtime.toUTCString();
    const since = req.headers['if-modified-since'];
    if (since && Date.parse(since) >= Math.floor(stat.mtimeMs / 1000) * 1000) {
      res.writeHead(304, { 'Last-Modified': modified });
      res.end();
      return;
    }
    const body = await fs.readFile(file);
    res.writeHead(200, {
      'Content-Type': types[path.extname(file)] || 'application/octet-stream',
      'Content-Length': body.length, 'Last-Modified': modified,
    });
    res.end(body);
  } catch {
    res.writeHead(404, { 'Content-Length': 0 });
    res.end();
  }
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
