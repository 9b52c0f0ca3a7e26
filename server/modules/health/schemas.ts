/** Response shape of `GET /api/health`. */
import { z } from "zod";
import { Timestamp } from "../../shared/schemas.ts";

export const Health = z.object({
  status: z.literal("ok"),
  driver: z.enum(["postgres", "pglite"]),
  /** The database's clock. */
  now: Timestamp,
});
