/** @module `npm run config:table`: print the configuration table (README) and .env.example from the one schema in src/config.ts. */
import { parseArgs } from 'node:util';
import type { ZodTypeAny } from 'zod';
import { configSchema } from '../src/config.ts';

const { values } = parseArgs({ options: { env: { type: 'boolean', default: false } } });

function defaultOf(type: ZodTypeAny): string {
  const definition = type._def as { typeName?: string; defaultValue?: () => unknown; innerType?: ZodTypeAny };
  if (definition.typeName === 'ZodDefault' && definition.defaultValue !== undefined) {
    const value = definition.defaultValue();
    return value === '' ? '(empty)' : String(value);
  }
  return definition.innerType === undefined ? '(unset)' : defaultOf(definition.innerType);
}

const rows = Object.entries(configSchema.shape).map(([name, type]) => ({ name, fallback: defaultOf(type), description: type.description ?? '' }));

if (values.env) {
  console.log('# Copy to .env and uncomment what you change. Every variable is optional; the defaults run offline.');
  for (const row of rows) console.log(`\n# ${row.description}\n# ${row.name}=${row.fallback === '(unset)' || row.fallback === '(empty)' ? '' : row.fallback}`);
} else {
  console.log('| Variable | Default | What it does |\n|---|---|---|');
  for (const row of rows) console.log(`| \`${row.name}\` | \`${row.fallback}\` | ${row.description.replace(/\|/g, '\\|')} |`);
}
