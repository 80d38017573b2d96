import { isNode, LineCounter, parseDocument } from 'yaml';
import { inputError } from '../errors.js';
import { formatPath } from '../cases/schema.js';
import { readUserTextFile } from '../util/text-file.js';
import { configSchema, type ParsedConfig } from './schema.js';

/** Parses and validates a YAML config; errors name the file, line and key path. */
export function loadConfigFile(file: string): ParsedConfig {
  const text = readUserTextFile(file, 'config file');
  return parseConfigText(text, file);
}

export function parseConfigText(text: string, file: string): ParsedConfig {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    const e = doc.errors[0];
    throw inputError('E_CONFIG', `YAML syntax error: ${e.message.split('\n')[0]}`, { file, line: lineCounter.linePos(e.pos[0]).line });
  }
  const raw = doc.toJS() ?? {};
  if (typeof raw !== 'object' || Array.isArray(raw)) throw inputError('E_CONFIG', 'the config must be a YAML mapping (key: value lines)', { file, line: 1 });
  const parsed = configSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  // Unknown keys are reported on their parent; point at the key itself.
  const keys = issue.code === 'unrecognized_keys' ? (issue as { keys: string[] }).keys : [];
  const path = keys.length ? [...issue.path, keys[0]] : issue.path;
  const node = doc.getIn(path as (string | number)[], true);
  const pos = isNode(node) && node.range ? node.range[0] : findKeyPos(doc, path);
  const line = pos !== undefined ? lineCounter.linePos(pos).line : undefined;
  const field = formatPath(path);
  const message = keys.length
    ? `unknown key "${keys[0]}"${keys.length > 1 ? ` (and ${keys.slice(1).join(', ')})` : ''}; check the spelling against the README's config reference`
    : issue.message;
  throw inputError('E_CONFIG', message, { file, line, field: field || undefined });
}

/** Position of the nearest existing ancestor, so a missing key still gets a line. */
function findKeyPos(doc: ReturnType<typeof parseDocument>, path: readonly PropertyKey[]): number | undefined {
  for (let n = path.length - 1; n >= 0; n--) {
    const node = doc.getIn(path.slice(0, n) as (string | number)[], true);
    if (isNode(node) && node.range) return node.range[0];
  }
  return undefined;
}
