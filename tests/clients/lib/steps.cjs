// What every client script shares: the feed it is pointed at, the data it asks for, and step(), which runs one
// client call and prints one JSON line: {"step", "call", "ok", "result" | "error", "ms", "requests"}.
//
// The client talks to the feed through a recording proxy on another loopback port, so each line also says which
// HTTP requests the client sent for that step and what the feed answered (for a $batch, each part's request line,
// Content-ID and status). The proxy passes the Host header through, so the feed's next links come back through it.
const http = require('node:http');

const feed = URL.canParse(process.argv[2] || '') && new URL(process.argv[2].replace(/\/?$/, '/'));
if (!feed || !/^https?:$/.test(feed.protocol) || feed.pathname === '/') {
  console.error('usage: node <client script> http://127.0.0.1:PORT/odata');
  process.exit(2);
}

/** The filtered set the paging steps read in full: about 12,500 referrals, several server pages. */
const PAGING_FILTER = 'ReferralDateKey ge 20230901';
const PAGING_FROM = 20230901;

let recorded = [];

/** A $batch exchange in short: each part's request line and Content-ID or id, and each response's id and status. */
function summarizeBatch(request, requestType, response, responseType) {
  const json = text => { try { return JSON.parse(text); } catch { return null; } };
  const multipart = (text, type) => {
    const boundary = /boundary=("?)([^";]+)\1/.exec(type || '');
    return boundary ? text.split('--' + boundary[2]).slice(1, -1) : [];
  };
  const contentId = part => (/^Content-ID:\s*(\S+)/im.exec(part) || [])[1] || null;
  const batch = {};
  if ((requestType || '').startsWith('application/json')) {
    const body = json(request.toString('utf8'));
    batch.parts = body && body.requests.map(r => ({ request: `${r.method} ${r.url}`, id: r.id ?? null }));
  } else {
    batch.parts = multipart(request.toString('utf8'), requestType).map(part => ({
      request: (/^(GET|HEAD|POST|PUT|PATCH|DELETE) .*$/m.exec(part) || [''])[0].trim(), id: contentId(part),
    }));
  }
  if ((responseType || '').startsWith('application/json')) {
    const body = json(response.toString('utf8'));
    batch.responses = body && body.responses ? body.responses.map(r => ({ id: r.id ?? null, status: r.status })) : null;
  } else {
    batch.responses = multipart(response.toString('utf8'), responseType).map(part => ({
      id: contentId(part), status: Number((/^HTTP\/1\.1 (\d{3})/m.exec(part) || [])[1]) || null,
    }));
  }
  return batch;
}

/** Starts the recording proxy; resolves to the service root the client should use (same path, proxy's port). */
function startProxy() {
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', c => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      let url = req.url;
      try { url = decodeURIComponent(req.url); } catch { /* keep it as sent */ }
      const entry = { method: req.method, url };
      if (req.headers.accept) entry.accept = req.headers.accept;
      const upstream = http.request({
        host: feed.hostname, port: feed.port, method: req.method, path: req.url, headers: req.headers,
      }, up => {
        const parts = [];
        up.on('data', c => parts.push(c));
        up.on('end', () => {
          const answer = Buffer.concat(parts);
          entry.status = up.statusCode;
          if (up.headers['content-type']) entry.contentType = up.headers['content-type'];
          if (/\/\$batch$/.test(req.url.split('?')[0]) && body.length) {
            entry.batch = summarizeBatch(body, req.headers['content-type'], answer, up.headers['content-type']);
          }
          if (up.statusCode >= 400) entry.body = answer.toString('utf8').slice(0, 400);
          recorded.push(entry);
          res.writeHead(up.statusCode, up.headers);
          res.end(answer);
        });
      });
      upstream.on('error', e => {
        entry.status = 502;
        entry.body = String(e);
        recorded.push(entry);
        res.writeHead(502);
        res.end(String(e));
      });
      upstream.end(body);
    });
  });
  return new Promise(resolve => server.listen(0, '127.0.0.1', () => {
    server.unref();
    const root = new URL(feed);
    root.port = String(server.address().port);
    resolve(root.href.replace(/\/$/, ''));
  }));
}

/** An HTTP status and the server's message from the shapes of error the clients throw. */
function describe(e) {
  const out = { message: String((e && e.message) || e).slice(0, 400) };
  for (let c = e, i = 0; c && i < 8; c = c.cause, i++) {
    const r = c.response || (c.status && c) || null;
    const status = r && (r.status || r.statusCode);
    if (status && !out.status) out.status = status;
  }
  return out;
}

/**
 * Runs one client call and prints its line.
 * @param {string} id the step's name, shared by every client script (key, navigation, paging, ...)
 * @param {string} call what the client was asked to do, in its own API
 * @param {() => Promise<unknown>} fn returns the step's result (values, not only statuses)
 */
async function step(id, call, fn) {
  recorded = [];
  const line = { step: id, call };
  const started = Date.now();
  try {
    line.result = await fn();
    line.ok = true;
  } catch (e) {
    line.ok = false;
    line.error = describe(e);
  }
  line.ms = Date.now() - started;
  line.requests = recorded;
  process.stdout.write(JSON.stringify(line) + '\n');
  return line;
}

module.exports = { feed, startProxy, step, PAGING_FILTER, PAGING_FROM };
