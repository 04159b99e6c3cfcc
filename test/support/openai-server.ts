// A fake OpenAI-compatible chat-completions server on 127.0.0.1 for the narrator's tests: each
// request takes the next scripted reply (the last one repeats), and every request is kept.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Reply =
  | { kind: 'answer'; content: string; promptTokens?: number; completionTokens?: number; finishReason?: string }
  | { kind: 'status'; status: number; body: string; headers?: Record<string, string> }
  /** Never answers (the client's timeout must end the call). */
  | { kind: 'hang' };

export interface SeenRequest {
  url: string;
  headers: IncomingHttpHeaders;
  body: Record<string, unknown>;
}

export interface FakeOpenAi {
  /** The base URL, `http://127.0.0.1:<port>/v1`. */
  baseUrl: string;
  requests: SeenRequest[];
  script(...replies: Reply[]): void;
  close(): Promise<void>;
}

export const answer = (content: string, extra: Partial<Extract<Reply, { kind: 'answer' }>> = {}): Reply => ({ kind: 'answer', content, ...extra });

export async function startFakeOpenAi(): Promise<FakeOpenAi> {
  let replies: Reply[] = [];
  const requests: SeenRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      requests.push({ url: req.url ?? '', headers: req.headers, body: JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown> });
      const reply = replies.length > 1 ? replies.shift()! : replies[0];
      if (!reply || reply.kind === 'hang') return;
      if (reply.kind === 'status') {
        res.writeHead(reply.status, { 'content-type': 'application/json', ...reply.headers }).end(reply.body);
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(
        JSON.stringify({
          id: 'chatcmpl-test',
          object: 'chat.completion',
          choices: [{ index: 0, message: { role: 'assistant', content: reply.content }, finish_reason: reply.finishReason ?? 'stop' }],
          usage: { prompt_tokens: reply.promptTokens ?? 1000, completion_tokens: reply.completionTokens ?? 200, total_tokens: (reply.promptTokens ?? 1000) + (reply.completionTokens ?? 200) },
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    script: (...next) => {
      replies = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
