/** Request and response shapes of `/api/locks` (leases); the clients import them too. */
import { z } from "zod";
import { Lease, LockResource } from "../../live/protocol.ts";

export { Lease, LockResource };

export const LockInput = z.object({ resource: LockResource });
export const LockParam = z.object({ resource: LockResource });
export const LocksQuery = z.object({
  prefix: z.string().max(80).regex(/^[0-9A-Za-z_:-]*$/, "Prefixo inválido.").optional(),
});
export const LockList = z.object({ items: z.array(Lease) });
export const Released = z.object({ resource: z.string(), released: z.literal(true) });
