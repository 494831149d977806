// The header's search (Pagefind through build_dossier/assets/search.js) in headless Chromium, for
// tests/test_search_browser.py. Each command prints one line of JSON.
//
//   node tests/browser/search.js query URL QUERY...   each QUERY typed into the box: the count text and every
//                                                     result (all of them: "More results" pressed until gone),
//                                                     as {href, title, sections: [{href, title}]}
//   node tests/browser/search.js keyboard URL QUERY   the keyboard alone: "/" opens the box, QUERY typed, arrow
//                                                     down to the first result, Enter opens it; Escape closes
//   node tests/browser/search.js offline DIR          DIR/index.html from file://: what the box says
// Needs Debian's chromium (CHROME_PATH) and playwright-core from tools/node_modules; never downloads a browser.
"use strict";
const path = require("path");
const { launch } = require(path.join(__dirname, "..", "..", "bench", "claims_filter.js"));

const INPUT = ".dossier-search .md-search__input";

async function newPage(browser) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  page.errors = [];
  page.on("pageerror", (e) => page.errors.push(e.message));
  return page;
}

// waits until the box shows the results of `query`, then loads them all
async function allResults(page, query) {
  await page.waitForFunction((q) => document.querySelector(".dossier-search").getAttribute("data-query") === q,
                             query, { timeout: 60000 });
  for (;;) {
    const more = await page.$(".dossier-search-more button");
    if (!more) break;
    const count = await page.evaluate(() => document.querySelectorAll(".md-search-result__item").length);
    await more.click();
    await page.waitForFunction((n) => document.querySelectorAll(".md-search-result__item").length > n, count);
  }
  return page.evaluate(() => ({
    meta: document.querySelector(".dossier-search .md-search-result__meta").textContent.trim(),
    results: Array.from(document.querySelectorAll(".dossier-search .md-search-result__item"), (li) => {
      const [doc, ...sections] = li.querySelectorAll("a.md-search-result__link");
      const title = (a) => a.querySelector("h1, h2").textContent;
      return { href: doc.getAttribute("href"), title: title(doc), excerpt: doc.querySelector("p").innerHTML,
               sections: sections.map((a) => ({ href: a.getAttribute("href"), title: title(a) })) };
    }),
  }));
}

const commands = {
  async query(browser, url, ...queries) {
    const page = await newPage(browser);
    await page.goto(url, { waitUntil: "load" });
    const out = {};
    for (const query of queries) {
      await page.fill(INPUT, query);
      out[query] = await allResults(page, query);
    }
    return { queries: out, errors: page.errors };
  },

  async keyboard(browser, url, query) {
    const page = await newPage(browser);
    await page.goto(url, { waitUntil: "load" });
    await page.keyboard.press("/");
    const focused = await page.evaluate(() => document.activeElement.matches(".dossier-search .md-search__input"));
    const open = await page.evaluate(() => document.getElementById("__search").checked);
    await page.keyboard.type(query);
    await allResults(page, query);
    await page.keyboard.press("ArrowDown");
    const target = await page.evaluate(() => document.activeElement.getAttribute("href"));
    await Promise.all([page.waitForNavigation({ waitUntil: "load" }), page.keyboard.press("Enter")]);
    const opened = page.url();
    await page.keyboard.press("/");
    await page.keyboard.press("Escape");
    const closed = await page.evaluate(() => !document.getElementById("__search").checked &&
      !document.activeElement.matches(".dossier-search .md-search__input"));
    return { focused, open, target, opened, closed, errors: page.errors };
  },

  async offline(browser, dir) {
    const page = await newPage(browser);
    const requests = [];
    page.on("request", (r) => { if (!/^(file|data):/.test(r.url())) requests.push(r.url()); });
    await page.goto("file://" + path.resolve(dir, "index.html"), { waitUntil: "load" });
    await page.click(INPUT);
    await page.keyboard.type("Rostec");
    await page.waitForTimeout(300);
    const said = await page.evaluate(() => {
      const meta = document.querySelector(".dossier-search .md-search-result__meta");
      const link = meta.querySelector("a");
      return { text: meta.textContent, link: link && link.href, visible: meta.getBoundingClientRect().height > 0 };
    });
    return { ...said, requests, errors: page.errors };
  },
};

async function main() {
  const [command, ...args] = process.argv.slice(2);
  if (!commands[command]) { console.error("usage: node tests/browser/search.js COMMAND ..."); process.exit(2); }
  const browser = await launch();
  try {
    console.log(JSON.stringify(await commands[command](browser, ...args)));
  } finally {
    await browser.close();
  }
}

main().catch((e) => { console.error(e && e.stack || String(e)); process.exit(1); });
