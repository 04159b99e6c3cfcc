// An ObjectStore held in a Map, for tests of code that reads and writes run objects; `json(key)`
// reads back what was written.
import type { ObjectStore } from '../../lambdas/adapters/aws/object-store.js';

export function memoryStore(): ObjectStore & { json: (key: string) => unknown } {
  const objects = new Map<string, string>();
  return {
    putText: async (key, body) => void objects.set(key, body),
    putJson: async (key, value) => void objects.set(key, JSON.stringify(value)),
    getText: async (key) => objects.get(key) ?? null,
    getJson: async (key, schema) => (objects.has(key) ? schema.parse(JSON.parse(objects.get(key)!)) : null),
    json: (key) => JSON.parse(objects.get(key)!),
  };
}
