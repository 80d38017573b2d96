// Part of `npm run build`: writes masld.schema.json, the JSON Schema of masld.yaml generated from the zod
// config schema, beside package.json; the package ships it and `masld init` points editors to it.
// test/cli/config-commands.test.ts checks it equals what `masld schema` prints.
import { writeFileSync } from 'node:fs';
const { configJsonSchemaText, SHIPPED_SCHEMA } = await import('../dist/config/json-schema.js');
writeFileSync(SHIPPED_SCHEMA, configJsonSchemaText());
console.log(`wrote the config's JSON Schema → ${SHIPPED_SCHEMA}`);
