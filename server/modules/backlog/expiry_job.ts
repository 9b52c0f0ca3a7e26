/** Registers the proposal expiry with the jobs scheduler (every minute, idempotent by state). */
import { registerJob } from "../../jobs/scheduler.ts";
import { expireProposals } from "./expiry.ts";

export const EXPIRY_JOB = "proposta_expirada";

registerJob(EXPIRY_JOB, { everyMinutes: 1 }, (deps) => expireProposals(deps));
