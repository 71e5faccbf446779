import { describe, expect, it } from 'vitest';
import { loadConfig, resolveAnswerMode } from '../../src/config.ts';
import { ConfigError } from '../../src/errors.ts';

describe('loadConfig', () => {
  it('runs offline with no variables set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3000, EMBEDDER: 'local', DOCS_DIR: 'seeds', INDEX_DIR: 'index-data' });
    expect(resolveAnswerMode(config)).toBe('extractive');
  });

  it('treats a blank variable as missing', () => {
    expect(loadConfig({ PORT: '  ', OPENAI_API_KEY: '' }).PORT).toBe(3000);
    expect(resolveAnswerMode(loadConfig({ OPENAI_API_KEY: '' }))).toBe('extractive');
  });

  it('switches to LLM answers when a key or base URL is set', () => {
    expect(resolveAnswerMode(loadConfig({ OPENAI_BASE_URL: 'http://localhost:11434/v1' }))).toBe('llm');
    expect(resolveAnswerMode(loadConfig({ OPENAI_API_KEY: 'sk-test', ANSWER_MODE: 'extractive' }))).toBe('extractive');
  });

  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ EMBEDDER: 'bert' })).toThrow(/EMBEDDER/);
    expect(() => loadConfig({ CHUNK_SIZE: '200', CHUNK_OVERLAP: '300' })).toThrow(/CHUNK_OVERLAP/);
  });
});
