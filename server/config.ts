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
  notifyDriver: "outbox" | "whapi" | "mailjet" | "live";
  whapiUrl: string;
  whapiToken?: string;
  mailjetUrl: string;
  mailjetApiKey?: string;
  mailjetApiSecret?: string;
  mailFrom: string;
  storageDriver: "postgres" | "s3";
  s3Endpoint?: string;
  s3Bucket?: string;
  s3Region: string;
  s3AccessKeyId?: string;
  s3SecretAccessKey?: string;
  s3PublicUrl?: string;
  trustProxy: boolean;
}

export const DEMO_ADMIN = { email: "admin@demo.commandagenda.local", password: "Demo@Agenda2026" };

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
    notifyDriver: (env.NOTIFY_DRIVER ?? "outbox") as Config["notifyDriver"],
    whapiUrl: env.WHAPI_URL ?? "https://gate.whapi.cloud",
    whapiToken: env.WHAPI_TOKEN,
    mailjetUrl: env.MAILJET_URL ?? "https://api.mailjet.com",
    mailjetApiKey: env.MAILJET_API_KEY,
    mailjetApiSecret: env.MAILJET_API_SECRET,
    mailFrom: env.MAIL_FROM ?? "nao-responda@commandagenda.local",
    storageDriver: (env.STORAGE_DRIVER ?? "postgres") as Config["storageDriver"],
    s3Endpoint: env.S3_ENDPOINT,
    s3Bucket: env.S3_BUCKET,
    s3Region: env.S3_REGION ?? "auto",
    s3AccessKeyId: env.S3_ACCESS_KEY_ID,
    s3SecretAccessKey: env.S3_SECRET_ACCESS_KEY,
    s3PublicUrl: env.S3_PUBLIC_URL,
    trustProxy: env.TRUST_PROXY === "true",
  };
}
