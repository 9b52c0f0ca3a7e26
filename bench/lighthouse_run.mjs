// Runs under Node (copied next to its node_modules by bench/lighthouse.ts): Lighthouse 12 with
// its default mobile emulation and simulated throttling, on Debian's Chromium through
// puppeteer-core (a dependency of lighthouse). A page may be opened signed in: the portal keeps
// the patient's token in sessionStorage, so the token is written at the start of each document
// of the tab Lighthouse navigates; Lighthouse's storage and cache reset still run (cold load).
//
// Input (argv[2], JSON): { chrome, pages: [{ name, url, token? }] }
// Output (stdout, JSON): [{ name, performance, accessibility, metrics, a11yFailures }]
import lighthouse from "lighthouse";
import puppeteer from "puppeteer-core";

const input = JSON.parse(process.argv[2]);
const browser = await puppeteer.launch({
  executablePath: input.chrome,
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu"],
});
const out = [];
try {
  for (const p of input.pages) {
    const page = await browser.newPage();
    if (p.token) {
      // Stored at the start of every document of this tab, before the portal's code runs.
      await page.evaluateOnNewDocument((t) => {
        if (!sessionStorage.getItem("ca.paciente.token")) {
          sessionStorage.setItem("ca.paciente.token", t);
        }
      }, p.token);
    }
    const r = await lighthouse(
      p.url,
      {
        logLevel: "error",
        output: "json",
        onlyCategories: ["performance", "accessibility"],
      },
      undefined,
      page,
    );
    const lhr = r.lhr;
    const audit = (id) => lhr.audits[id]?.numericValue;
    out.push({
      name: p.name,
      finalUrl: lhr.finalDisplayedUrl,
      performance: Math.round(lhr.categories.performance.score * 100),
      accessibility: Math.round(lhr.categories.accessibility.score * 100),
      metrics: {
        fcp_ms: Math.round(audit("first-contentful-paint")),
        lcp_ms: Math.round(audit("largest-contentful-paint")),
        tbt_ms: Math.round(audit("total-blocking-time")),
        cls: Number((audit("cumulative-layout-shift") ?? 0).toFixed(3)),
        transfer_kb: Math.round((audit("total-byte-weight") ?? 0) / 1024),
      },
      lcpElement: lhr.audits["largest-contentful-paint-element"]?.details?.items?.[0]?.items?.[0]
        ?.node?.snippet ?? null,
      /** Main-thread time of the heaviest scripts (where the blocking time comes from). */
      bootup: (lhr.audits["bootup-time"]?.details?.items ?? []).slice(0, 4)
        .map((i) => `${String(i.url).replace(/^.*\//, "")}:${Math.round(i.total)}ms`),
      /** Why a metric is missing (a run whose trace Lighthouse could not read scores 0). */
      errors: [
        lhr.runtimeError?.code,
        ...["first-contentful-paint", "largest-contentful-paint", "total-blocking-time"]
          .map((id) => lhr.audits[id]?.errorMessage),
      ].filter(Boolean),
      a11yFailures: lhr.categories.accessibility.auditRefs
        .map((a) => lhr.audits[a.id])
        .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode === "binary")
        .map((a) => a.id),
    });
    await page.close();
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(out));
