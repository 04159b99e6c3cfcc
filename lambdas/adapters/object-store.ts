// The S3 bucket as a small JSON/text object store: the port the handlers write through.
import { GetObjectCommand, NoSuchKey, PutObjectCommand } from '@aws-sdk/client-s3';
import type { z } from 'zod';
import { s3Client } from './aws-clients.js';

export interface ObjectStore {
  putJson(key: string, value: unknown): Promise<void>;
  putText(key: string, body: string, contentType: string): Promise<void>;
  /** The object's text, or null when there is no such key. */
  getText(key: string): Promise<string | null>;
  /** The object parsed and validated, or null when there is no such key. */
  getJson<T>(key: string, schema: z.ZodType<T>): Promise<T | null>;
}

export function s3ObjectStore(bucket: string): ObjectStore {
  const putText = async (key: string, body: string, contentType: string) => {
    await s3Client().send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ContentType: contentType }));
  };
  const getText = async (key: string): Promise<string | null> => {
    try {
      const answer = await s3Client().send(new GetObjectCommand({ Bucket: bucket, Key: key }));
      return (await answer.Body?.transformToString('utf-8')) ?? '';
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
