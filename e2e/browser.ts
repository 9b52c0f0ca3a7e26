/**
 * Headless Chromium (Debian's /usr/bin/chromium driven by playwright-core), screenshots to
 * e2e/screenshots/, and an axe-core scan that fails on serious or critical violations.
 *
 * @example
 * const browser = await launch();
 * const page = await newPage(browser, server.url);
 * await page.goto(`${server.url}/adm/`);
 * await shot(page, "login");
 * await assertAccessible(page, "login");
 */
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";

export type { Browser, BrowserContext, Page };

export const CHROMIUM = Deno.env.get("CHROMIUM_PATH") ?? "/usr/bin/chromium";
export const SCREENSHOTS = new URL("./screenshots/", import.meta.url);

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
    ],
  });
}

/** A page in its own context (own sessionStorage), pt-BR, with page errors collected. */
export async function newPage(
  browser: Browser,
  opts: { viewport?: { width: number; height: number } } = {},
): Promise<Page & { errors: string[] }> {
  const context = await browser.newContext({
    locale: "pt-BR",
    timezoneId: "America/Sao_Paulo",
    viewport: opts.viewport ?? { width: 1366, height: 860 },
  });
  context.setDefaultTimeout(20_000);
  const page = await context.newPage() as Page & { errors: string[] };
  page.errors = [];
  page.on("pageerror", (e) => page.errors.push(e.message));
  return page;
}

/** Saves `e2e/screenshots/<name>.png` (full page) and answers its path. */
export async function shot(page: Page, name: string): Promise<string> {
  await Deno.mkdir(SCREENSHOTS, { recursive: true });
  const path = new URL(`${name}.png`, SCREENSHOTS).pathname;
  await page.screenshot({ path, fullPage: true });
  return path;
}

let axeSource: Promise<string> | undefined;

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/**
 * Runs axe-core on the page as it is (WCAG 2.x A/AA rules) and throws when a violation is
 * serious or critical. axe is evaluated through the DevTools protocol, not a script tag, so a
 * Content-Security-Policy without inline scripts does not block it.
 */
export async function assertAccessible(page: Page, label: string): Promise<AxeViolation[]> {
  // node_modules/ is filled by ensureDist() (`deno install`).
  axeSource ??= Deno.readTextFile(new URL("../node_modules/axe-core/axe.min.js", import.meta.url));
  await page.evaluate(await axeSource);
  const violations = await page.evaluate(async () => {
    // deno-lint-ignore no-explicit-any
    const axe = (globalThis as any).axe;
    const r = await axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    });
    return r.violations;
  }) as AxeViolation[];
  const bad = violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  if (bad.length) {
    const text = bad.map((v) =>
      `${v.impact} ${v.id}: ${v.help}\n` +
      v.nodes.slice(0, 5).map((n) => `   ${JSON.stringify(n.target)} ${n.failureSummary ?? ""}`)
        .join("\n")
    ).join("\n");
    throw new Error(`axe (${label}): ${bad.length} serious/critical violation(s)\n${text}`);
  }
  return violations;
}
