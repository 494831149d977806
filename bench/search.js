// Material for MkDocs' built-in search in headless Chromium, at the size of the site: how big the index
// is, how long until search works after opening the home page, and how long a query takes.
//
//   node bench/search.js SITE_DIR [QUERY ...]     serves SITE_DIR on 127.0.0.1 (a free port), opens the home page
//   node bench/search.js URL [QUERY ...]          opens URL (a page of a site already being served)
//
// QUERY defaults to "pantsir" and "loan restructure". REPEAT (environment, default 3) sets the repetitions.
// Prints one line of JSON:
//   index_bytes, index_gzip_bytes   search/search_index.json, raw and gzip -6 (zlib, as run.py's sizes)
//   index_received_ms               navigation start -> search_index.json fully received (Material fetches it
//                                   on page load, over http; parses it on the main thread)
//   setup_posted_ms                 -> the parsed index posted to the search worker (SETUP message)
//   ready_ms                        -> the worker's READY message: lunr has built its index and queries are answered
//   meta_ready_ms                   -> the result box leaves "Initializing search" (the DOM sign of the same)
//   first_results_ms                a reader types the first QUERY as soon as the page is parsed (DOMContentLoaded;
//                                   all but its last key at once, then the last key): navigation start -> its
//                                   results in the list (queries wait for READY); first_key_ms: when that key was
//                                   pressed (a little after DOMContentLoaded: the driver's round trips)
//   queries[]: for each QUERY
//     median_ms, min_ms, max_ms     the rest of the query already in the field, the last key pressed: keydown ->
//                                   the worker's results for it rendered (the list replaced, in the page)
//     paint_median_ms               keydown -> the next animation frame after that
//     typed_ms                      the whole QUERY typed at a fast typist's pace (~30 ms between keys): keydown of
//                                   its last key -> the results for the full query rendered (the worker has also
//                                   answered every prefix typed before it, one after the other)
//     results, items, meta          result groups (pages) the worker returned, .md-search-result__item elements
//                                   rendered (Material renders 10, then more as the list is scrolled), the count text
// Needs Debian's chromium and playwright-core, as bench/claims_filter.js (whose helpers it uses).
//
// Readiness. Material (9.x) fetches search/search_index.json on page load, parses it, and posts it to a web worker
// (workers/search.*.js) in a SETUP message; the worker builds the lunr index and answers READY; only then are
// queries sent (each keyup sends the field's value in a QUERY message; the worker answers RESULT, and the page
// renders it synchronously in its message handler). An init script wraps window.Worker before the page's own
// scripts run, timestamps the messages both ways, and adds its message listener before Material's: READY is the
// readiness signal, and a query is done at the first mutation of the result box after the worker answered the
// last QUERY sent (the MutationObserver callback runs right after the handler that rendered it). Should a future
// Material version not use a Worker, ready_ms falls back to meta_ready_ms.
"use strict";
const fs = require("fs");
const path = require("path");
const zlib = require("zlib");
const { serve, launch, median, round } = require("./claims_filter.js");

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;  // SearchMessageType in Material's sources

// installed before the page's own scripts
function watchSearch(types) {
  const [SETUP, READY, QUERY, RESULT] = types;
  const s = window.__search = { setup: null, ready: null, metaReady: null, queries: 0, results: 0,
                                last: null, lastQuery: null, caughtUp: null };
  const Native = window.Worker;
  window.Worker = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (e) => {
        const t = performance.now(), m = e.data || {};
        if (m.type === READY && s.ready === null) s.ready = t;
        if (m.type === RESULT) {
          s.results += 1;
          s.last = { t, results: (m.data && m.data.items || []).length };
          if (s.results === s.queries) s.caughtUp = t;  // the answer to the last query sent
        }
      });
    }
    postMessage(m, ...rest) {
      if (m && m.type === SETUP && s.setup === null) s.setup = performance.now();
      if (m && m.type === QUERY) { s.queries += 1; s.lastQuery = m.data; s.caughtUp = null; }
      return super.postMessage(m, ...rest);
    }
  };
  // the result box leaves "Initializing search" once the worker is ready (Material then runs the empty query)
  document.addEventListener("DOMContentLoaded", () => {
    const meta = document.querySelector(".md-search-result__meta");
    if (!meta) return;
    const initial = meta.textContent;
    new MutationObserver((_, observer) => {
      if (meta.textContent !== initial && s.metaReady === null) { s.metaReady = performance.now(); observer.disconnect(); }
    }).observe(meta, { childList: true, characterData: true, subtree: true });
  });
}

// resolves at the first mutation of the result box after the worker has answered the last query sent
// (and, if `query` is given, that query was the last sent), timed from the next keydown on the field;
// installed in the page as window.__arm
function arm(query) {
  const s = window.__search;
  const input = document.querySelector(".md-search__input");
  const box = document.querySelector(".md-search-result");
  s.done = new Promise((resolve) => {
    let t0 = null;
    const timeout = setTimeout(() => { observer.disconnect(); resolve(null); }, 120000);
    input.addEventListener("keydown", () => { t0 = performance.now(); }, { capture: true, once: true });
    const observer = new MutationObserver(() => {
      if (t0 === null || s.caughtUp === null || s.caughtUp < t0 || (query !== null && s.lastQuery !== query)) return;
      const at = performance.now(), update = at - t0;
      observer.disconnect();
      clearTimeout(timeout);
      requestAnimationFrame(() => setTimeout(() => resolve({ t0, at, update, paint: performance.now() - t0 }), 0));
    });
    observer.observe(box, { childList: true, characterData: true, subtree: true });
  });
}

const state = (page) => page.evaluate(() => ({
  meta: document.querySelector(".md-search-result__meta").textContent,
  items: document.querySelectorAll(".md-search-result__item").length,
  results: window.__search.last ? window.__search.last.results : null,
}));

// empty the field with a keystroke (Material sends the empty query) and wait for the worker's answer
async function reset(page) {
  await page.evaluate(() => document.querySelector(".md-search__input").select());
  await page.evaluate(() => window.__arm(null));
  await page.keyboard.press("Backspace");
  await page.evaluate(() => window.__search.done);
}

const key = (ch) => (ch === " " ? "Space" : ch);

async function main() {
  const target = process.argv[2];
  const queries = process.argv.slice(3).length ? process.argv.slice(3) : ["pantsir", "loan restructure"];
  const repeat = Math.max(1, parseInt(process.env.REPEAT || "3", 10));
  if (!target) { console.error("usage: node bench/search.js SITE_DIR|URL [QUERY ...]"); process.exit(2); }
  let server = null, url = target, index;
  if (/^https?:/.test(target)) {
    const res = await fetch(new URL("search/search_index.json", target));  // assumes URL is the site's root
    index = Buffer.from(await res.arrayBuffer());
  } else {
    const file = path.join(target, "search", "search_index.json");
    if (!fs.existsSync(file)) throw new Error(`${target}: no search/search_index.json`);
    index = fs.readFileSync(file);
    let base;
    [server, base] = await serve(path.resolve(target));
    url = base;
  }
  const sizes = { index_bytes: index.length, index_gzip_bytes: zlib.gzipSync(index, { level: 6 }).length };
  let browser = null;
  try {
    browser = await launch();
    const page = await browser.newPage();
    page.on("pageerror", (e) => console.error("page error:", e.message));
    await page.addInitScript(watchSearch, [SETUP, READY, QUERY, RESULT]);
    await page.addInitScript({ content: `window.__arm = ${arm};` });

    // a reader who starts typing the first query as soon as the page is parsed
    await page.goto(url, { waitUntil: "domcontentloaded", timeout: 120000 });
    await page.evaluate((query) => {  // one round trip: the driver's speed barely counts
      const input = document.querySelector(".md-search__input");
      input.focus();
      input.value = query.slice(0, -1);
      window.__arm(query);
    }, queries[0]);
    await page.keyboard.press(key(queries[0].slice(-1)));
    const first = await page.evaluate(() => window.__search.done);
    await page.waitForFunction(() => window.__search.ready !== null || window.__search.metaReady !== null,
                               null, { timeout: 120000 });
    const load = await page.evaluate(() => {
      const nav = performance.getEntriesByType("navigation")[0];
      const idx = performance.getEntriesByType("resource").find((e) => /search_index\.json/.test(e.name));
      const s = window.__search;
      return { dom_content_loaded_ms: nav.domContentLoadedEventEnd, load_ms: nav.loadEventEnd,
               index_received_ms: idx ? idx.responseEnd : null, setup_posted_ms: s.setup,
               ready_ms: s.ready !== null ? s.ready : s.metaReady, meta_ready_ms: s.metaReady };
    });

    const results = [];
    for (const query of queries) {
      const samples = [];
      for (let i = 0; i < repeat; i++) {
        await reset(page);
        await page.fill(".md-search__input", query.slice(0, -1));  // no keyup: Material sends nothing
        await page.evaluate((q) => window.__arm(q), query);
        await page.keyboard.press(key(query.slice(-1)));
        samples.push(await page.evaluate(() => window.__search.done));
        await page.waitForTimeout(50);
      }
      const after = await state(page);
      await reset(page);
      for (const [i, ch] of [...query].entries()) {
        if (i === query.length - 1) await page.evaluate((q) => window.__arm(q), query);  // time from the last key
        await page.keyboard.press(key(ch));
        await page.waitForTimeout(30);
      }
      const typed = await page.evaluate(() => window.__search.done);
      const ok = samples.filter(Boolean);
      results.push({
        query, repeat: ok.length,
        median_ms: round(median(ok.map((s) => s.update))),
        min_ms: ok.length ? round(Math.min(...ok.map((s) => s.update))) : null,
        max_ms: ok.length ? round(Math.max(...ok.map((s) => s.update))) : null,
        paint_median_ms: round(median(ok.map((s) => s.paint))),
        typed_ms: typed ? round(typed.update) : null,
        samples_ms: ok.map((s) => round(s.update)),
        ...after,
      });
    }
    console.log(JSON.stringify({
      url, ...sizes,
      ...Object.fromEntries(Object.entries(load).map(([k, v]) => [k, round(v)])),
      first_query: queries[0], first_key_ms: first ? round(first.t0) : null, first_results_ms: first ? round(first.at) : null,
      queries: results,
    }));
  } finally {
    if (browser) await browser.close();
    if (server) server.kill();
  }
}

main().catch((e) => { console.error(e && e.stack || String(e)); process.exit(1); });
