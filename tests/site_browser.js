// The built site in headless Chromium (Debian's, via playwright-core; never downloads a browser).
// Each command prints one line of JSON; tests/test_browser.py runs them.
//
//   node tests/site_browser.js widths URL PAGE...       scrollWidth of each page at 390x844
//   node tests/site_browser.js roundtrip URL            claims filter -> address -> a claim -> Back
//   node tests/site_browser.js filter URL TEXT          type TEXT in the claims filter: count and rows
//   node tests/site_browser.js nojs URL PAGE...         JavaScript off: the controls a reader sees, per page
//   node tests/site_browser.js timeline URL TOPIC       the timeline's topic filter, and the address
//   node tests/site_browser.js offline DIR              DIR/index.html from file://: navigate, filter
//   node tests/site_browser.js shots URL OUT PAGE...    PNGs at 1280x800 and 390x844 (first screen)
"use strict";
const path = require("path");
const { launch } = require(path.join(__dirname, "..", "bench", "claims_filter.js"));

const PHONE = { width: 390, height: 844 };

async function newPage(browser, options = {}) {
  const context = await browser.newContext({ viewport: PHONE, ...options });
  const page = await context.newPage();
  page.errors = [];
  page.on("pageerror", (e) => page.errors.push(e.message));
  return page;
}

async function claimsReady(page) {
  await page.waitForSelector("#claim-filters[data-ready]", { state: "visible", timeout: 60000 });
}

const rowsText = (page) => page.evaluate(() =>
  Array.from(document.querySelectorAll("#claims-table tbody tr td[data-label=Claim] a"), (a) => a.textContent));
const countText = (page) => page.evaluate(() => document.getElementById("claim-count").textContent);

const commands = {
  async widths(browser, url, ...pages) {
    const page = await newPage(browser);
    const out = {};
    for (const p of pages) {
      await page.goto(url + p, { waitUntil: "load" });
      out[p] = await page.evaluate(() => document.scrollingElement.scrollWidth);
    }
    return { widths: out, errors: page.errors };
  },

  async roundtrip(browser, url) {
    const page = await newPage(browser, { viewport: { width: 1280, height: 800 } });
    await page.goto(url + "claims/", { waitUntil: "load" });
    await claimsReady(page);
    await page.fill("#claim-filters input[name=q]", "advisers");
    await page.selectOption("#claim-filters select[name=topic]", "personnel");
    const filtered = { address: page.url(), count: await countText(page), rows: await rowsText(page) };
    await page.click("#claims-table tbody tr td[data-label=Claim] a");
    await page.waitForLoadState("load");
    const claimPage = page.url();
    await page.goBack({ waitUntil: "load" });
    await claimsReady(page);
    await page.waitForFunction(() => document.querySelectorAll("#claims-table tbody tr").length > 0);
    const back = {
      address: page.url(), count: await countText(page), rows: await rowsText(page),
      q: await page.inputValue("#claim-filters input[name=q]"),
      topic: await page.inputValue("#claim-filters select[name=topic]"),
    };
    // the address alone, in a fresh page, gives the same view (shareable)
    const other = await newPage(browser, { viewport: { width: 1280, height: 800 } });
    await other.goto(filtered.address, { waitUntil: "load" });
    await claimsReady(other);
    const shared = { count: await countText(other), rows: await rowsText(other) };
    return { filtered, claimPage, back, shared, errors: page.errors.concat(other.errors) };
  },

  async filter(browser, url, text) {
    const page = await newPage(browser);
    await page.goto(url + "claims/", { waitUntil: "load" });
    await claimsReady(page);
    await page.fill("#claim-filters input[name=q]", text);
    return { count: await countText(page), rows: await rowsText(page), errors: page.errors };
  },

  async nojs(browser, url, ...pages) {
    const page = await newPage(browser, { javaScriptEnabled: false });
    const out = {};
    for (const p of pages) {
      await page.goto(url + p, { waitUntil: "load" });
      out[p] = await page.evaluate(() => {
        const visible = (el) => { const r = el.getBoundingClientRect(); const s = getComputedStyle(el);
          return r.width > 0 && r.height > 0 && s.visibility !== "hidden" && s.display !== "none"; };
        return Array.from(document.querySelectorAll("button, input:not([type=hidden]), select, textarea, [role=button]"))
          .filter(visible).map((el) => el.outerHTML.slice(0, 120));
      });
    }
    return { controls: out };
  },

  async drawer(browser, url, ...pages) {
    const page = await newPage(browser);
    const out = {};
    for (const p of pages) {
      await page.goto(url + p, { waitUntil: "load" });
      await page.click("label.md-header__button[for=__drawer]");
      await page.waitForTimeout(400);
      out[p] = await page.evaluate(() => Array.from(document.querySelectorAll(".md-sidebar--primary .md-nav__link"))
        .filter((a) => a.getBoundingClientRect().width > 0).length);
    }
    return { links: out };
  },

  async norows(browser, url) {
    const page = await newPage(browser);
    await page.route("**/rows.json", (route) => route.abort());
    await page.goto(url + "claims/", { waitUntil: "load" });
    await page.waitForTimeout(500);
    const controls = await page.evaluate(() => Array.from(document.querySelectorAll("#claim-filters, .md-content button"))
      .filter((el) => el.getBoundingClientRect().height > 0).map((el) => el.outerHTML.slice(0, 80)));
    const rows = await page.evaluate(() => document.querySelectorAll("#claims-table tbody tr").length);
    return { controls, rows, errors: page.errors };
  },

  async timeline(browser, url, topic) {
    const page = await newPage(browser);
    await page.goto(url + "timeline/", { waitUntil: "load" });
    const before = await page.evaluate(() => document.querySelectorAll(".dossier-timeline > li:not([hidden])").length);
    await page.click(`button.dossier-topic-button[data-topic='${topic}']`);
    const after = await page.evaluate(() => ({
      shown: document.querySelectorAll(".dossier-timeline > li:not([hidden])").length,
      wrong: Array.from(document.querySelectorAll(".dossier-timeline > li:not([hidden])"))
        .filter((li) => !li.getAttribute("data-topics").split(" ").includes(new URLSearchParams(location.search).get("topic"))).length,
      address: location.href,
      pressed: document.querySelector("button[aria-pressed=true]").getAttribute("data-topic"),
    }));
    await page.reload({ waitUntil: "load" });
    const reloaded = await page.evaluate(() => document.querySelectorAll(".dossier-timeline > li:not([hidden])").length);
    return { before, ...after, reloaded, errors: page.errors };
  },

  async offline(browser, dir) {
    const page = await newPage(browser, { viewport: { width: 1280, height: 800 }, offline: true });
    const requests = [];
    page.on("request", (r) => { if (!r.url().startsWith("file:") && !r.url().startsWith("data:")) requests.push(r.url()); });
    const home = "file://" + path.resolve(dir, "index.html");
    await page.goto(home, { waitUntil: "load" });
    // navigate: the Claims tab opens the claims page (a file, not a folder listing)
    await page.click(".md-tabs__link >> text=Claims");
    await page.waitForLoadState("load");
    const claimsUrl = page.url();
    await claimsReady(page);
    await page.fill("#claim-filters input[name=q]", "advisers");
    const filter = { count: await countText(page), rows: await rowsText(page) };
    // a claim's link opens its source page
    await page.click("#claims-table tbody tr td[data-label=Claim] a");
    await page.waitForLoadState("load");
    const sourceUrl = page.url();
    const sourceTitle = await page.title();
    // search cannot work from file:// (tests/browser/search.js checks that the box says so)
    return { claimsUrl, filter, sourceUrl, sourceTitle, requests, errors: page.errors };
  },

  async shots(browser, url, out, ...pages) {
    const fs = require("fs");
    fs.mkdirSync(out, { recursive: true });
    const files = [];
    for (const [name, viewport] of [["desktop", { width: 1280, height: 800 }], ["mobile", PHONE]]) {
      const page = await newPage(browser, { viewport });
      for (const p of pages) {
        await page.goto(url + p, { waitUntil: "load" });
        await page.waitForTimeout(300);
        const file = path.join(out, `${(p.replace(/\/$/, "").replace(/[/.]/g, "_") || "home")}-${name}.png`);
        await page.screenshot({ path: file });
        files.push(file);
      }
    }
    return { files };
  },
};

async function main() {
  const [command, ...args] = process.argv.slice(2);
  if (!commands[command]) { console.error("usage: node tests/site_browser.js COMMAND ..."); process.exit(2); }
  const browser = await launch();
  try {
    console.log(JSON.stringify(await commands[command](browser, ...args)));
  } finally {
    await browser.close();
  }
}

main().catch((e) => { console.error(e && e.stack || String(e)); process.exit(1); });
