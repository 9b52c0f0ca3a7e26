/**
 * What a browser downloads to show a page: every script and stylesheet of our origin fetched
 * until the page is idle, with its gzip size (as the server or a CDN would send it).
 */
import { gzipSync } from "node:zlib";
import type { Page } from "./browser.ts";

export interface LoadedAsset {
  url: string;
  bytes: number;
  gzip: number;
}

/** Starts recording the JS and CSS responses of `page`; `done()` answers them once loaded. */
export function recordAssets(page: Page): { done(): Promise<LoadedAsset[]> } {
  const pending: Promise<LoadedAsset | null>[] = [];
  page.on("response", (res) => {
    const url = res.url();
    if (!/\/assets\/.+\.(js|css)$/.test(new URL(url).pathname)) return;
    pending.push(
      res.body().then((b) => ({ url, bytes: b.length, gzip: gzipSync(b, { level: 9 }).length }))
        .catch(() => null),
    );
  });
  return {
    async done() {
      await page.waitForLoadState("networkidle");
      const all = (await Promise.all(pending)).filter((a): a is LoadedAsset => a !== null);
      // A file fetched twice (modulepreload, then import) counts once.
      return [...new Map(all.map((a) => [a.url, a])).values()];
    },
  };
}

export const totalGzipKb = (assets: LoadedAsset[]) =>
  Math.round(assets.reduce((s, a) => s + a.gzip, 0) / 102.4) / 10;
