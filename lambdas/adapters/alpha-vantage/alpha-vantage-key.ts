// Where the Alpha Vantage API key comes from: AWS Secrets Manager in the cloud (the secret's
// name in ALPHA_VANTAGE_SECRET_NAME, set by the stack from CDK context), ALPHA_VANTAGE_API_KEY
// locally. The key itself is never logged and never put in an error message.
import { FinwizError } from '../../core/errors.js';
export const ALPHA_VANTAGE_SECRET_NAME_VARIABLE = 'ALPHA_VANTAGE_SECRET_NAME';
export const ALPHA_VANTAGE_API_KEY_VARIABLE = 'ALPHA_VANTAGE_API_KEY';

/** Reads a secret's string value (the SDK below, or a fake in tests). */
export interface SecretsPort {
  getSecretValue(name: string): Promise<string | null | undefined>;
}

/** A misconfigured secret: names the secret, never shows its value. */
export class AlphaVantageKeyError extends FinwizError {
  override readonly name = 'AlphaVantageKeyError';
}

/** JSON secrets (the console's key/value form) may hold the key under one of these names. */
const JSON_KEY_FIELDS = ['apiKey', 'api_key', 'apikey', ALPHA_VANTAGE_API_KEY_VARIABLE, 'key'] as const;

/** Secrets Manager through the AWS SDK, loaded only when a secret is actually read. */
export function secretsManagerPort(): SecretsPort {
  let client: import('@aws-sdk/client-secrets-manager').SecretsManagerClient | undefined;
  return {
    async getSecretValue(name) {
      const sdk = await import('@aws-sdk/client-secrets-manager');
      client ??= new sdk.SecretsManagerClient({});
      const answer = await client.send(new sdk.GetSecretValueCommand({ SecretId: name }));
      return answer.SecretString;
    },
  };
}

function keyFromSecret(name: string, raw: string | null | undefined): string {
  const text = raw?.trim() ?? '';
  if (text === '') throw new AlphaVantageKeyError(`Alpha Vantage secret "${name}" has no string value`);
  if (!text.startsWith('{')) return text;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new AlphaVantageKeyError(`Alpha Vantage secret "${name}" starts like JSON but is not valid JSON`);
  }
  if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
    const record = parsed as Record<string, unknown>;
    for (const field of JSON_KEY_FIELDS) {
      const value = record[field];
      if (typeof value === 'string' && value.trim() !== '') return value.trim();
    }
  }
  throw new AlphaVantageKeyError(`Alpha Vantage secret "${name}" is JSON without a non-empty ${JSON_KEY_FIELDS.join(' / ')} field`);
}

/**
 * The Alpha Vantage API key, or null when neither ALPHA_VANTAGE_SECRET_NAME nor
 * ALPHA_VANTAGE_API_KEY is set (empty counts as unset). When a secret name is set it wins:
 * the secret holds the key as plain text or as JSON (`{"apiKey": "..."}`). A secret that
 * cannot be read throws AlphaVantageKeyError naming the secret; the caller turns that into
 * "Alpha Vantage disabled for this run" (it is the secondary source and fails no ticker).
 */
export async function alphaVantageApiKey(
  env: Readonly<Record<string, string | undefined>>,
  secrets?: SecretsPort,
): Promise<string | null> {
  const secretName = env[ALPHA_VANTAGE_SECRET_NAME_VARIABLE]?.trim();
  if (secretName) {
    const port = secrets ?? secretsManagerPort();
    let raw: string | null | undefined;
    try {
      raw = await port.getSecretValue(secretName);
    } catch (error) {
      const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      throw new AlphaVantageKeyError(`Alpha Vantage secret "${secretName}" could not be read (${what})`);
    }
    return keyFromSecret(secretName, raw);
  }
  const local = env[ALPHA_VANTAGE_API_KEY_VARIABLE]?.trim();
  return local ? local : null;
}
