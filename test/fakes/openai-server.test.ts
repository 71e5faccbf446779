import OpenAI from 'openai';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeOpenAI, type FakeOpenAIOptions, reply, startFakeOpenAI } from './openai-server.ts';

let fake: FakeOpenAI | null = null;
async function start(options: FakeOpenAIOptions = {}): Promise<OpenAI> {
  fake = await startFakeOpenAI(options);
  return new OpenAI({ baseURL: fake.url, apiKey: 'test', maxRetries: 0, timeout: 2_000 });
}
afterEach(async () => {
  await fake?.close();
  fake = null;
});

const messages = [{ role: 'user' as const, content: 'Hi' }];

describe('fake OpenAI server', () => {
  it('answers chat completions and records the request', async () => {
    const client = await start({ chat: [reply.chat('Damascus, according to [1].')] });
    const completion = await client.chat.completions.create({ model: 'gpt-4o-mini', messages });
    expect(completion.choices[0]?.message.content).toBe('Damascus, according to [1].');
    expect(fake?.requests[0]).toMatchObject({ route: 'chat', method: 'POST', path: '/v1/chat/completions', nth: 0, body: { model: 'gpt-4o-mini', messages } });
  });

  it('streams text deltas as chat.completion.chunk events ending with [DONE]', async () => {
    const client = await start({ chat: [reply.stream(['Hel', 'lo', ' world'])] });
    const stream = await client.chat.completions.create({ model: 'gpt-4o-mini', messages, stream: true });
    const parts: string[] = [];
    let finish: string | null = null;
    for await (const chunk of stream) {
      parts.push(chunk.choices[0]?.delta.content ?? '');
      finish = chunk.choices[0]?.finish_reason ?? finish;
    }
    expect(parts.join('')).toBe('Hello world');
    expect(finish).toBe('stop');
  });

  it('streams by default when the request asks for a stream', async () => {
    const client = await start();
    const stream = await client.chat.completions.create({ model: 'gpt-4o-mini', messages, stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe('This is a fake answer.');
  });

  it('cuts a stream mid-way', async () => {
    const client = await start({ chat: [reply.stream(['one ', 'two ', 'three'], { cutAfter: 1 })] });
    const stream = await client.chat.completions.create({ model: 'gpt-4o-mini', messages, stream: true });
    let text = '';
    const consume = async (): Promise<void> => {
      for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    };
    await expect(consume()).rejects.toThrow();
    expect(text).toBe('one ');
  });

  it('plays a scripted list in order, repeating the last reply', async () => {
    const client = await start({ chat: [reply.error(503, 'busy'), reply.chat('ok')] });
    await expect(client.chat.completions.create({ model: 'm', messages })).rejects.toMatchObject({ status: 503 });
    expect((await client.chat.completions.create({ model: 'm', messages })).choices[0]?.message.content).toBe('ok');
    expect((await client.chat.completions.create({ model: 'm', messages })).choices[0]?.message.content).toBe('ok');
    expect(fake?.requests.map((request) => request.nth)).toEqual([0, 1, 2]);
  });

  it('answers unknown routes with 404', async () => {
    await start();
    const response = await fetch(`${fake?.url}/models`);
    expect(response.status).toBe(404);
  });
});
