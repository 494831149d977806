// Claims index in headless Chromium: time to filters ready, and keystroke-to-update latency.
// Usage: node bench/claims_filter.cjs URL_OF_CLAIMS_PAGE [TEXT]   (needs tools/: npm ci; Debian chromium)
// Prints JSON: {ready_ms, keystrokes, median_ms, max_ms, rows_after}.
const { chromium } = require(require.resolve("playwright-core", { paths: [__dirname + "/../tools/node_modules"] }));

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
           "--disable-component-update", "--disable-sync", "--disable-quic"],
  });
  const page = await browser.newPage();
  page.on("pageerror", (e) => console.error("page error:", e.message));
  const start = Date.now();
  await page.goto(process.argv[2], { waitUntil: "load" });
  await page.waitForSelector("#claim-filters:not([hidden])", { timeout: 60000 });
  const ready = Date.now() - start;
  // measure inside the page: from the input event to the status text change
  await page.evaluate(() => {
    window.__lat = [];
    const count = document.getElementById("claim-count");
    const input = document.querySelector("input[name=q]");
    let t0 = 0;
    input.addEventListener("keydown", () => { t0 = performance.now(); }, true);
    new MutationObserver(() => { if (t0) { window.__lat.push(performance.now() - t0); t0 = 0; } })
      .observe(count, { childList: true, characterData: true, subtree: true });
  });
  await page.focus("input[name=q]");
  for (const ch of process.argv[3] || "ministry official delivery") {
    await page.keyboard.press(ch === " " ? "Space" : ch);
    await page.waitForTimeout(50);
  }
  const lat = await page.evaluate(() => window.__lat);
  const rows = await page.evaluate(() => document.querySelectorAll("#claims-table tbody tr").length);
  lat.sort((a, b) => a - b);
  const status = await page.evaluate(() => document.getElementById("claim-count").textContent);
  console.log(JSON.stringify({ status, ready_ms: ready, keystrokes: lat.length, median_ms: lat[Math.floor(lat.length / 2)],
                               max_ms: lat[lat.length - 1], rows_after: rows }));
  await browser.close();
})().catch((e) => { console.error(e); process.exit(1); });
