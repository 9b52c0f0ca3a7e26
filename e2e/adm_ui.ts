/**
 * Browser helpers of the staff console (`/adm/`) tests: sign in through the form, pick an option
 * in a Kobalte select.
 *
 * @example
 * await signIn(page, s.url, ger.email, ger.senha, "/adm/configuracoes/unidades");
 * await choose(page, "Médico", "Dra. Helena Duarte");
 */
import type { Page } from "./browser.ts";

/** Opens `path`, signs in through the login form and waits for the signed-in shell. */
export async function signIn(
  page: Page,
  url: string,
  email: string,
  senha: string,
  path = "/adm/",
) {
  await page.goto(`${url}${path}`);
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Senha").fill(senha);
  await page.getByRole("button", { name: "Entrar" }).click();
  await page.getByTestId("usuario").waitFor();
}

/** Picks `option` in the Kobalte select labelled `label` (inside `scope`, default the page). */
export async function choose(
  page: Page,
  label: string,
  option: string,
  scope = page.locator("body"),
) {
  await scope.getByRole("button", { name: new RegExp(`^${label}`) }).click();
  await page.getByRole("option", { name: option, exact: true }).click();
}
