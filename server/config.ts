/** Every setting the server reads, from the environment, in one place (see README). */
export interface Config {
  port: number;
  databaseUrl?: string;
  dataDir: string;
  publicUrl: string;
  jwtSecret?: string;
  adminEmail: string;
  adminPassword: string;
  bcryptCost: number;
  seedDemo: boolean;
  notifyDriver: (typeof NOTIFY_DRIVERS)[number];
  whapiUrl: string;
  whapiToken?: string;
  mailjetUrl: string;
  mailjetApiKey?: string;
  mailjetApiSecret?: string;
  mailFrom: string;
  /** Who delivers SMS; unset: as NOTIFY_DRIVER says (Whapi under whapi/live, else the outbox). */
  smsDriver?: (typeof SMS_DRIVERS)[number];
  zenviaUrl: string;
  zenviaToken?: string;
  zenviaFrom?: string;
  storageDriver: (typeof STORAGE_DRIVERS)[number];
  s3Endpoint?: string;
  s3Bucket?: string;
  s3Region: string;
  s3AccessKeyId?: string;
  s3SecretAccessKey?: string;
  s3PublicUrl?: string;
  trustProxy: boolean;
  /** Foreign origins allowed by CORS (exact `scheme://host[:port]`); empty: same-origin only. */
  corsOrigins: string[];
  /** Bearer token of `GET /api/metrics`; unset: the route answers 404. */
  metricsToken?: string;
  /** One JSON line per request and per job run on stdout (`LOG_REQUESTS=false` silences it). */
  logRequests: boolean;
}

export const DEMO_ADMIN = { email: "admin@demo.commandagenda.local", password: "Demo@Agenda2026" };

export const NOTIFY_DRIVERS = ["outbox", "whapi", "mailjet", "live"] as const;
export const SMS_DRIVERS = ["outbox", "whapi", "zenvia"] as const;
export const STORAGE_DRIVERS = ["postgres", "s3"] as const;

/**
 * One of `allowed` (case and surrounding spaces ignored; unset or empty means `fallback`). Any
 * other value stops the server at start: a typo must not silently pick another driver.
 */
function oneOf<T extends string>(
  name: string,
  raw: string | undefined,
  allowed: readonly T[],
  fallback: T,
): T {
  const value = raw?.trim().toLowerCase();
  if (!value) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new Error(
    `${name} inválido: "${raw}". Valores aceitos: ${allowed.join(", ")} (padrão: ${fallback}).`,
  );
}

/** `CORS_ORIGINS`: comma-separated origins; anything that is not a bare origin stops the start. */
function originList(raw: string | undefined): string[] {
  return (raw ?? "").split(",").map((o) => o.trim()).filter(Boolean).map((o) => {
    let url: URL | undefined;
    try {
      url = new URL(o);
    } catch { /* reported below */ }
    if (!url || !/^https?:$/.test(url.protocol) || url.origin !== o.replace(/\/$/, "")) {
      throw new Error(
        `CORS_ORIGINS inválido: "${o}". Use origens completas, ex.: https://agenda.exemplo.gov.br`,
      );
    }
    return url.origin;
  });
}

export function loadConfig(env: Record<string, string | undefined> = Deno.env.toObject()): Config {
  const port = Number(env.PORT ?? 8000);
  const embedded = !env.DATABASE_URL;
  return {
    port,
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: env.DATA_DIR ?? ".data",
    publicUrl: env.PUBLIC_URL ?? `http://localhost:${port}`,
    jwtSecret: env.JWT_SECRET || undefined,
    adminEmail: env.ADMIN_EMAIL ?? (embedded ? DEMO_ADMIN.email : ""),
    adminPassword: env.ADMIN_PASSWORD ?? (embedded ? DEMO_ADMIN.password : ""),
    bcryptCost: Number(env.BCRYPT_COST ?? 10),
    seedDemo: (env.SEED_DEMO ?? (embedded ? "true" : "false")) === "true",
    notifyDriver: oneOf("NOTIFY_DRIVER", env.NOTIFY_DRIVER, NOTIFY_DRIVERS, "outbox"),
    whapiUrl: env.WHAPI_URL ?? "https://gate.whapi.cloud",
    whapiToken: env.WHAPI_TOKEN,
    mailjetUrl: env.MAILJET_URL ?? "https://api.mailjet.com",
    mailjetApiKey: env.MAILJET_API_KEY,
    mailjetApiSecret: env.MAILJET_API_SECRET,
    mailFrom: env.MAIL_FROM ?? "nao-responda@commandagenda.local",
    smsDriver: env.SMS_DRIVER
      ? oneOf("SMS_DRIVER", env.SMS_DRIVER, SMS_DRIVERS, "outbox")
      : undefined,
    zenviaUrl: env.ZENVIA_URL ?? "https://api.zenvia.com",
    zenviaToken: env.ZENVIA_TOKEN || undefined,
    zenviaFrom: env.ZENVIA_FROM || undefined,
    storageDriver: oneOf("STORAGE_DRIVER", env.STORAGE_DRIVER, STORAGE_DRIVERS, "postgres"),
    s3Endpoint: env.S3_ENDPOINT,
    s3Bucket: env.S3_BUCKET,
    s3Region: env.S3_REGION ?? "auto",
    s3AccessKeyId: env.S3_ACCESS_KEY_ID,
    s3SecretAccessKey: env.S3_SECRET_ACCESS_KEY,
    s3PublicUrl: env.S3_PUBLIC_URL,
    trustProxy: env.TRUST_PROXY === "true",
    corsOrigins: originList(env.CORS_ORIGINS),
    metricsToken: env.METRICS_TOKEN || undefined,
    logRequests: env.LOG_REQUESTS !== "false",
  };
}
