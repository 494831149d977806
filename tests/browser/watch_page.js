// Keeps one page open in headless Chromium and reports what the reader sees, for tests/test_serve_errors.py.
//
//   node tests/browser/watch_page.js URL
//
// Prints one JSON line each time what matters changes: {"errors": [...texts of .dossier-build-error],
// "heading": first claim heading, "reloads": how many times the page loaded}. Reloads come from
// `mkdocs serve` itself (livereload): nothing here reloads the page. Exits after 180 s or on stdin EOF.
// Needs Debian's chromium (CHROME_PATH) and playwright-core from tools/node_modules; never downloads a browser.
"use strict";
const path = require("path");
const { chromium } = require(require.resolve("playwright-core", { paths: [path.join(__dirname, "..", "..", "tools", "node_modules")] }));

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
           "--disable-sync", "--no-first-run"],
  });
  const page = await browser.newPage();
  let reloads = 0, last = "";
  page.on("load", () => { reloads += 1; });
  await page.goto(process.argv[2], { timeout: 30000 });
  process.stdin.on("end", async () => { await browser.close(); process.exit(0); });
  process.stdin.resume();
  const until = Date.now() + 180000;
  while (Date.now() < until) {
    let state;
    try {
      state = await page.evaluate(() => ({
        errors: Array.from(document.querySelectorAll(".dossier-build-error")).map((e) => e.textContent),
        heading: (document.querySelector(".dossier-claim-text") || {}).textContent || "",
      }));
    } catch (e) { state = null; }  // the page is reloading
    if (state) {
      state.reloads = reloads;
      const line = JSON.stringify(state);
      if (line !== last) { process.stdout.write(line + "\n"); last = line; }
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  await browser.close();
})().catch((e) => { process.stderr.write(String(e) + "\n"); process.exit(1); });
