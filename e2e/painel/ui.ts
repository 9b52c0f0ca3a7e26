/**
 * Browser helpers of the operator panel tests: open the panel as a user, find a card, wait for a
 * slot's places, drag a card onto a slot with the pointer.
 */
import { newPage, type Page, shot } from "../browser.ts";

export type P = Page & { errors: string[] };

export async function abrir(
  s: { browser: Parameters<typeof newPage>[0] },
  base: string,
  token: string,
  dia: string,
) {
  const page = await newPage(s.browser, { viewport: { width: 1440, height: 900 } }) as P;
  await page.addInitScript((t) => sessionStorage.setItem("ca.adm.token", t), token);
  await page.goto(`${base}/adm/painel?dia=${dia}`);
  try {
    await page.locator("[data-cartao]").first().waitFor();
    await page.locator("[data-slot]").first().waitFor();
  } catch (err) {
    await shot(page, "painel-falha-ao-abrir");
    throw err;
  }
  return page;
}

export const cartao = (page: P, id: number) => page.locator(`[data-cartao="${id}"]`);

/** Waits until slot `id` shows `texto` in its places badge (screenshot on timeout). */
export async function esperarVagas(page: P, id: number, texto: string, nome: string) {
  try {
    await page.waitForFunction(
      ([id, texto]) =>
        document.querySelector(`[data-slot="${id}"] [data-vagas]`)?.textContent?.includes(texto),
      [id, texto] as const,
    );
  } catch (err) {
    await shot(page, `painel-falha-${nome}`);
    throw err;
  }
}

/** Pointer drag of a card onto a slot; `antesDeSoltar` runs with the card over the slot. */
export async function arrastar(
  page: P,
  de: number,
  para: number,
  antesDeSoltar?: () => Promise<void>,
) {
  await cartao(page, de).scrollIntoViewIfNeeded();
  const a = (await cartao(page, de).boundingBox())!;
  await page.mouse.move(a.x + 40, a.y + 12);
  await page.mouse.down();
  await page.mouse.move(a.x + 60, a.y + 30, { steps: 4 });
  await page.locator(`[data-slot="${para}"]`).scrollIntoViewIfNeeded();
  const b = (await page.locator(`[data-slot="${para}"]`).boundingBox())!;
  await page.mouse.move(b.x + b.width / 3, b.y + b.height / 2, { steps: 12 });
  await antesDeSoltar?.();
  await page.mouse.up();
}
