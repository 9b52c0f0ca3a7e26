/** Types every route and middleware shares: dependencies and the authenticated actor. */
import type { Db } from "./db/db.ts";
import type { Config } from "./config.ts";
import type { Storage } from "./storage/storage.ts";
import type { Role } from "./shared/schemas.ts";
import type { LiveHub } from "./live/hub.ts";

export interface Deps {
  db: Db;
  config: Config;
  jwtKey: Uint8Array;
  storage: Storage;
  /** The live hub (event fan-out, leases, Yjs), when started; see `server/live/hub.ts`. */
  live?: LiveHub;
}

export interface AuthAdmin {
  kind: "admin";
  usuarioid: number;
  role: Role;
  nome: string;
  email: string;
  jti: string;
}

export interface AuthPaciente {
  kind: "paciente";
  pacienteid: number;
  nome: string;
  cpf: string;
  jti: string;
}

export type Auth = AuthAdmin | AuthPaciente;

export type AppEnv = {
  Variables: {
    deps: Deps;
    auth: Auth | undefined;
    clientIp: string;
    requestId?: string;
  };
};
