import { Command } from 'commander';
import { configJsonSchemaText, SCHEMA_FILE } from '../../config/json-schema.js';

export function schemaCommand(): Command {
  return new Command('schema')
    .description(`print the JSON Schema of masld.yaml (the package ships it as ${SCHEMA_FILE}), for editors and CI checks`)
    .action(() => {
      process.stdout.write(configJsonSchemaText());
    });
}
