/** Where uploaded files (doctors' photos) live: Postgres by default, S3-compatible when set. */
export interface StoredFile {
  bytes: Uint8Array;
  contentType: string;
}

export interface Storage {
  readonly driver: "postgres" | "s3";
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>;
  get(key: string): Promise<StoredFile | null>;
  delete(key: string): Promise<void>;
}
