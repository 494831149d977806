// The site's search (Pagefind, through build_dossier/assets/search.js) in headless Chromium: what a page
// downloads for search before the reader types, and how soon the results of a query show on a cold page.
//
//   node bench/search.js SITE_DIR [QUERY ...]     serves SITE_DIR on 127.0.0.1 (a free port)
//   node bench/search.js URL [QUERY ...]          a site already being served (URL of its root)
//
// QUERY defaults to "pantsir", "loan restructure" and "orinoco herald". REPEAT (environment, default 3)
// sets the cold runs of each. Prints one line of JSON:
//   page                              the page opened (PAGE, environment; default the home page)
//   before_typing                     a fresh browser context (empty cache) opens the page, waits for it to load,
//                                     focuses the search box (search.js then loads Pagefind), waits until Pagefind
//                                     is ready (search.js marks the box data-ready) and the network is idle: bytes of the files fetched for search (search.js and
//                                     pagefind/*), raw and gzip -6 (zlib: http.server does not compress), files
//                                     (name -> gzip bytes), and page_gzip_bytes: the page's own files, for scale
//   cold[]: for each QUERY            REPEAT times, a fresh context opens the page; as soon as it is parsed
//                                     (DOMContentLoaded) the reader clicks the box and types QUERY (~30 ms a key):
//     after_last_key_ms               median: keydown of the last key -> its results rendered (the result box
//                                     marked with the count, search.js's data-results, for the full query)
//     after_first_key_ms              median: the first keydown -> the same
//     max_ms, samples_ms              of after_last_key_ms
//     results, items, first           pages found, result items rendered (10 at most at first), the first one's link
//     query_gzip_bytes                gzip bytes fetched after the box was focused (the index's chunks, fragments)
//   warm[]: for each QUERY            the same page, Pagefind loaded: the query's last key pressed, the rest already
//     median_ms                       typed -> its results rendered (REPEAT times)
// Needs Debian's chromium and playwright-core, as bench/claims_filter.js (whose helpers it uses).
"use strict";
const zlib = require("zlib");
const path = require("path");
const { serve, launch, median, round } = require("./claims_filter.js");

// installed before the page's scripts: when search.js marks the result box with a count, and for what text
function watchResults() {
  const s = window.__search = { rendered: [], keys: [] };
  document.addEventListener("keydown", () => s.keys.push(performance.now()), true);
  document.addEventListener("DOMContentLoaded", () => {
    const box = document.querySelector(".dossier-search");
    if (!box) return;
    const input = box.querySelector(".md-search__input");
    new MutationObserver(() => {
      if (box.hasAttribute("data-results")) s.rendered.push({ t: performance.now(), value: input.value.trim() });
    }).observe(box, { attributes: true, attributeFilter: ["data-results"], subtree: true, childList: true });
  });
}

const gz = (buf) => zlib.gzipSync(buf, { level: 6 }).length;

// every response of the page, with its body size raw and gzipped
function recorder(page) {
  const seen = [];
  page.on("response", (response) => {
    const entry = { url: response.url(), t: Date.now() };
    entry.body = response.body().then((body) => { entry.bytes = body.length; entry.gzip = gz(body); },
                                       () => { entry.bytes = entry.gzip = 0; });
    seen.push(entry);
  });
  return seen;
}
const sizes = (entries) => Promise.all(entries.map((e) => e.body)).then(() => entries);
const isSearch = (url) => /\/pagefind\/|\/assets\/dossier\/search\.js$/.test(url);
const settle = async (page) => { await page.waitForLoadState("networkidle"); await page.waitForTimeout(200); };

async function resultsFor(page, query) {
  await page.waitForFunction((q) => window.__search.rendered.some((r) => r.value === q), query, { timeout: 60000 });
  return page.evaluate((q) => {
    const s = window.__search, done = s.rendered.find((r) => r.value === q);
    const box = document.querySelector(".dossier-search");
    const first = box.querySelector(".md-search-result__item a");
    return { at: done.t, keys: s.keys.slice(), results: Number(box.getAttribute("data-results")),
             items: box.querySelectorAll(".md-search-result__item").length, first: first && first.getAttribute("href") };
  }, query);
}

async function main() {
  const target = process.argv[2];
  const queries = process.argv.slice(3).length ? process.argv.slice(3) : ["pantsir", "loan restructure", "orinoco herald"];
  const repeat = Math.max(1, parseInt(process.env.REPEAT || "3", 10));
  if (!target) { console.error("usage: node bench/search.js SITE_DIR|URL [QUERY ...]"); process.exit(2); }
  let server = null, root = target;
  if (!/^https?:/.test(target)) [server, root] = await serve(path.resolve(target));
  const url = root + (process.env.PAGE || "");
  let browser = null;
  try {
    browser = await launch();
    const fresh = async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      page.on("pageerror", (e) => console.error("page error:", e.message));
      await page.addInitScript(watchResults);
      return [context, page, recorder(page)];
    };

    // before the reader types
    let [context, page, seen] = await fresh();
    await page.goto(url, { waitUntil: "load", timeout: 120000 });
    await settle(page);
    const pageGzip = (await sizes(seen.slice())).reduce((sum, r) => sum + r.gzip, 0);
    await page.focus(".dossier-search .md-search__input");
    await page.waitForSelector(".dossier-search[data-ready]", { state: "attached", timeout: 120000 });
    await settle(page);
    const search = await sizes(seen.filter((r) => isSearch(r.url)));
    const before = {
      bytes: search.reduce((sum, r) => sum + r.bytes, 0), gzip_bytes: search.reduce((sum, r) => sum + r.gzip, 0),
      files: Object.fromEntries(search.map((r) => [r.url.replace(root, ""), r.gzip])), page_gzip_bytes: pageGzip,
    };
    const warm = [];
    for (const query of queries) {
      const samples = [];
      for (let i = 0; i < repeat; i++) {
        await page.fill(".dossier-search .md-search__input", "");
        await page.evaluate(() => { window.__search.rendered = []; document.querySelector(".dossier-search .md-search__input").dispatchEvent(new Event("input")); });
        await page.fill(".dossier-search .md-search__input", query.slice(0, -1));
        await page.evaluate(() => { window.__search.rendered = []; window.__search.keys = []; });
        await page.keyboard.press(query.slice(-1) === " " ? "Space" : query.slice(-1));
        const r = await resultsFor(page, query);
        samples.push(r.at - r.keys[r.keys.length - 1]);
      }
      warm.push({ query, median_ms: round(median(samples)), samples_ms: samples.map(round) });
    }
    await context.close();

    // cold: a fresh page each time, the query typed as soon as the page is parsed
    const cold = [];
    for (const query of queries) {
      const runs = [];
      for (let i = 0; i < repeat; i++) {
        [context, page, seen] = await fresh();
        await page.goto(url, { waitUntil: "domcontentloaded", timeout: 120000 });
        const focused = Date.now();
        await page.click(".dossier-search .md-search__input");
        await page.keyboard.type(query, { delay: 30 });
        const r = await resultsFor(page, query);
        await settle(page);
        const fetched = await sizes(seen.filter((x) => isSearch(x.url) && x.t >= focused));
        runs.push({ ...r, last: r.at - r.keys[r.keys.length - 1], firstKey: r.at - r.keys[0],
                    query_gzip_bytes: fetched.reduce((sum, x) => sum + x.gzip, 0) });
        await context.close();
      }
      const last = runs.map((r) => r.last);
      cold.push({
        query, repeat: runs.length,
        after_last_key_ms: round(median(last)), max_ms: round(Math.max(...last)), samples_ms: last.map(round),
        after_first_key_ms: round(median(runs.map((r) => r.firstKey))),
        results: runs[0].results, items: runs[0].items, first: runs[0].first,
        query_gzip_bytes: median(runs.map((r) => r.query_gzip_bytes)),
      });
    }
    console.log(JSON.stringify({ url, before_typing: before, cold, warm }));
  } finally {
    if (browser) await browser.close();
    if (server) server.kill();
  }
}

main().catch((e) => { console.error(e && e.stack || String(e)); process.exit(1); });
