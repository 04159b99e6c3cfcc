// One Powertools logger per handler: structured JSON in the cloud; the local engine renders
// the same records as readable lines on stderr (local/log-sink.ts).
import { Logger } from '@aws-lambda-powertools/logger';

export const createLogger = (handler: string): Logger =>
  new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'finwiz', persistentKeys: { handler } });
