// Keeps secrets (prompt answers, secret-looking env values) out of every log line the transport writes.

const SECRET_NAME = /pass|secret|token|key|credential|auth/i;

export class SecretRedactor {
  private readonly secrets = new Set<string>();

  /** Remembers a value to hide; very short values are hidden too, since a password of any length is a secret. */
  add(secret: string | undefined): void {
    if (secret) this.secrets.add(secret);
  }

  /** Hides the values of environment variables whose names look secret. */
  addEnv(env: Readonly<Record<string, string>>): void {
    for (const [name, value] of Object.entries(env)) if (SECRET_NAME.test(name)) this.add(value);
  }

  redact(text: string): string {
    let out = text;
    // Longest first, so a secret containing another is hidden whole.
    for (const s of [...this.secrets].sort((a, b) => b.length - a.length)) out = out.split(s).join('***');
    return out;
  }
}
