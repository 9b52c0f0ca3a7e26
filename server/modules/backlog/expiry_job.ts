/** The proposal expiry as a scheduled job (every minute, idempotent by state); see jobs/all.ts. */
import type { Job } from "../../jobs/scheduler.ts";
import { expireProposals } from "./expiry.ts";

export const EXPIRY_JOB: Job = {
  name: "proposta_expirada",
  schedule: { everyMinutes: 1 },
  fn: (deps) => expireProposals(deps),
};
