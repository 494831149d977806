// The claims index in headless Chromium: how long until the filters work, and how long each keystroke
// in the text filter takes to update the result count.
//
//   node bench/claims_filter.js SITE_DIR [TEXT]      serves SITE_DIR on 127.0.0.1 (a free port), opens claims/
//   node bench/claims_filter.js URL [TEXT]           opens URL (a claims page already being served)
//
// TEXT is typed one key at a time (default "pantsir-s1 launchers", 20 keystrokes); then the field is
// cleared with one more keystroke (every row matches again). Prints one line of JSON:
//   ready_ms            navigation start -> #claim-filters ready (claims.js has loaded and rendered rows.json)
//   median_ms, max_ms   keydown -> #claim-count text replaced (the filter, sort and table render, in the page)
//   paint_median_ms,    keydown -> the next animation frame after that (roughly when the reader sees it)
//   paint_max_ms
//   clear_ms            the same for the keystroke that empties the field
//   keystrokes          how many keystrokes updated the count (each should)
//   status, rows_after  the count text and table rows after typing TEXT
// Needs Debian's chromium (CHROME_PATH, default /usr/bin/chromium) and playwright-core, found on NODE_PATH,
// in tools/node_modules or in /opt/site-audit/node/node_modules. Never downloads a browser.
"use strict";
const fs = require("fs");
const path = require("path");
const { spawn } = require("child_process");

function playwright() {
  const paths = [...(process.env.NODE_PATH || "").split(path.delimiter).filter(Boolean),
                 path.join(__dirname, "..", "tools", "node_modules"), "/opt/site-audit/node/node_modules"];
  return require(require.resolve("playwright-core", { paths }));
}

// python's http.server on a free port; resolves to [server process, base URL]
function serve(dir) {
  return new Promise((resolve, reject) => {
    const python = process.env.PYTHON || "python3";
    const server = spawn(python, ["-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", dir],
                         { stdio: ["ignore", "pipe", "pipe"] });
    let seen = "";
    const timer = setTimeout(() => reject(new Error("http.server did not start: " + seen)), 15000);
    server.stdout.on("data", (chunk) => {
      seen += chunk;
      const m = /port (\d+)/.exec(seen);
      if (m) { clearTimeout(timer); resolve([server, `http://127.0.0.1:${m[1]}/`]); }
    });
    server.stderr.on("data", () => {});  // request log
    server.on("error", reject);
  });
}

// headless Debian chromium (CHROME_PATH), a fresh profile; never downloads a browser
function launch() {
  return playwright().chromium.launch({
    executablePath: process.env.CHROME_PATH || "/usr/bin/chromium",
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--disable-quic"],
  });
}

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length ? (s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2) : null; };
const round = (x) => (x == null ? null : Math.round(x * 10) / 10);

// installed before the page's own scripts: notes when the filters work (claims.js marks the form data-ready)
function watchReady() {
  window.__bench = { ready: null };
  new MutationObserver(() => {
    const form = document.getElementById("claim-filters");
    if (form && form.hasAttribute("data-ready") && window.__bench.ready === null) window.__bench.ready = performance.now();
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-ready"] });
}

// arms a one-shot timer: keydown on the text field -> the count's next change -> the frame after it
function arm() {
  const input = document.querySelector("#claim-filters input[name=q]");
  const count = document.getElementById("claim-count");
  window.__bench.done = new Promise((resolve) => {
    let t0 = null;
    const timeout = setTimeout(() => { observer.disconnect(); resolve(null); }, 10000);
    input.addEventListener("keydown", () => { t0 = performance.now(); }, { capture: true, once: true });
    const observer = new MutationObserver(() => {
      if (t0 === null) return;
      const update = performance.now() - t0;
      observer.disconnect();
      clearTimeout(timeout);
      requestAnimationFrame(() => setTimeout(() => resolve({ update, paint: performance.now() - t0 }), 0));
    });
    observer.observe(count, { childList: true, characterData: true, subtree: true });
  });
}

async function keystroke(page, key) {
  await page.evaluate(arm);
  await page.keyboard.press(key);
  return page.evaluate(() => window.__bench.done);
}

// shared with bench/search.js
module.exports = { playwright, serve, launch, median, round };

async function main() {
  const target = process.argv[2];
  const text = process.argv[3] || "pantsir-s1 launchers";
  if (!target) { console.error("usage: node bench/claims_filter.js SITE_DIR|URL [TEXT]"); process.exit(2); }
  let server = null, url = target;
  if (!/^https?:/.test(target)) {
    if (!fs.existsSync(path.join(target, "claims", "index.html"))) throw new Error(`${target}: no claims/index.html`);
    let base;
    [server, base] = await serve(path.resolve(target));
    url = base + "claims/";
  }
  let browser = null;
  try {
    browser = await launch();
    const page = await browser.newPage();
    page.on("pageerror", (e) => console.error("page error:", e.message));
    await page.addInitScript(watchReady);
    await page.goto(url, { waitUntil: "load", timeout: 120000 });
    await page.waitForSelector("#claim-filters[data-ready]", { state: "visible", timeout: 120000 });
    await page.waitForFunction(() => window.__bench.ready !== null);
    const load = await page.evaluate(() => {
      const nav = performance.getEntriesByType("navigation")[0];
      const rows = performance.getEntriesByType("resource").find((e) => /rows\.json/.test(e.name));
      return { ready_ms: window.__bench.ready, dom_content_loaded_ms: nav.domContentLoadedEventEnd, load_ms: nav.loadEventEnd,
               html_bytes: nav.decodedBodySize, rows_json_bytes: rows ? rows.decodedBodySize : null,
               rows_json_received_ms: rows ? rows.responseEnd : null,
               dom_nodes: document.getElementsByTagName("*").length,
               initial_status: document.getElementById("claim-count").textContent };
    });
    await page.focus("#claim-filters input[name=q]");
    const samples = [];
    for (const ch of text) {
      const r = await keystroke(page, ch === " " ? "Space" : ch);
      samples.push(r);
      await page.waitForTimeout(30);  // a fast typist: ~30 ms between a result and the next key
    }
    const status = await page.evaluate(() => document.getElementById("claim-count").textContent);
    const rowsAfter = await page.evaluate(() => document.querySelectorAll("#claims-table tbody tr").length);
    await page.evaluate(() => document.querySelector("#claim-filters input[name=q]").select());
    const clear = await keystroke(page, "Backspace");
    const ok = samples.filter(Boolean);
    console.log(JSON.stringify({
      url, ...Object.fromEntries(Object.entries(load).map(([k, v]) => [k, typeof v === "number" ? round(v) : v])),
      text, keystrokes: ok.length,
      median_ms: round(median(ok.map((s) => s.update))), max_ms: round(Math.max(...ok.map((s) => s.update))),
      paint_median_ms: round(median(ok.map((s) => s.paint))), paint_max_ms: round(Math.max(...ok.map((s) => s.paint))),
      clear_ms: clear ? round(clear.update) : null, clear_paint_ms: clear ? round(clear.paint) : null,
      status, rows_after: rowsAfter, samples_ms: ok.map((s) => round(s.update)),
      paint_samples_ms: ok.map((s) => round(s.paint)),
    }));
  } finally {
    if (browser) await browser.close();
    if (server) server.kill();
  }
}

if (require.main === module) main().catch((e) => { console.error(e && e.stack || String(e)); process.exit(1); });
