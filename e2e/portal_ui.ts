/**
 * Browser helpers of the patient portal tests: the phone viewport and the WhatsApp code step.
 *
 * @example
 * const page = await newPage(s.browser, { viewport: PHONE });
 * await otpReady(page);
 * await otpInput(page).pressSequentially(await lastCode(s.db, telefone));
 */
import type { Page } from "./browser.ts";

/** The phone the portal is designed for. */
export const PHONE = { width: 360, height: 740 };

export const otpInput = (page: Page) => page.getByLabel("Código do WhatsApp");

/** Waits until the code step has its code (the countdown shows) and the boxes take input. */
export async function otpReady(page: Page) {
  await page.getByTestId("otp-validade").filter({ hasText: "vale por" }).waitFor();
  await otpInput(page).and(page.locator(":enabled")).waitFor();
}
