/** The portal's WhatsApp code (server/modules/auth/otp.ts `OTP`, canal whatsapp). */
export const OTP_DIGITS = 4;
export const OTP_COOLDOWN_S = 60;
export const OTP_TTL_S = 5 * 60;
