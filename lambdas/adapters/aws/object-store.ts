// The S3 bucket as a small JSON/text object store: the port the handlers write through.
import { GetObjectCommand, NoSuchKey, PutObjectCommand } from '@aws-sdk/client-s3';
import type { z } from 'zod';
import { s3Client } from './aws-clients.js';
import { FinwizError } from '../../core/errors.js';

export interface ObjectStore {
  putJson(key: string, value: unknown): Promise<void>;
  putText(key: string, body: string, contentType: string): Promise<void>;
  /**
   * The object's text, or null when there is no such key. With `maxBytes`, a larger object is
   * refused with ObjectTooLargeError from its ContentLength, before its body is downloaded.
   */
  getText(key: string, options?: { maxBytes?: number }): Promise<string | null>;
  /** The object parsed and validated, or null when there is no such key. */
  getJson<T>(key: string, schema: z.ZodType<T>): Promise<T | null>;
}

export class ObjectTooLargeError extends FinwizError {
  override readonly name = 'ObjectTooLarge';
  constructor(
    readonly key: string,
    readonly bytes: number,
    readonly maxBytes: number,
  ) {
    super(`s3 object ${key} is ${bytes} bytes, more than ${maxBytes}`);
  }
}

export function s3ObjectStore(bucket: string): ObjectStore {
  const putText = async (key: string, body: string, contentType: string) => {
    await s3Client().send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType }));
  };
  const getText = async (key: string, options: { maxBytes?: number } = {}): Promise<string | null> => {
    try {
      const answer = await s3Client().send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      const { maxBytes } = options;
      if (maxBytes !== undefined && answer.ContentLength !== undefined && answer.ContentLength > maxBytes) {
        // The headers say enough: drop the connection instead of reading the body.
        (answer.Body as { destroy?: () => void } | undefined)?.destroy?.();
        throw new ObjectTooLargeError(key, answer.ContentLength, maxBytes);
      }
      const text = (await answer.Body?.transformToString('utf-8')) ?? '';
      // Without a ContentLength (a proxy, a local store), the text itself is measured.
      const bytes = maxBytes === undefined ? 0 : new TextEncoder().encode(text).length;
      if (maxBytes !== undefined && bytes > maxBytes) throw new ObjectTooLargeError(key, bytes, maxBytes);
      return text;
    } catch (error) {
      if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') return null;
      throw error;
    }
  };
  return {
    putText,
    getText,
    putJson: (key, value) => putText(key, JSON.stringify(value), 'application/json'),
    async getJson(key, schema) {
      const text = await getText(key);
      if (text === null) return null;
      return schema.parse(JSON.parse(text));
    },
  };
}
