/**
 * Writes src/synth/provider-schema.json: the compact schema of the Terraform types gdp uses, derived from
 * the installed provider bindings' jsii assembly. Run after changing the pinned @cdktf/provider-google or
 * the list in src/synth/cdk/provider-types.ts:
 *
 *   node -r ./scripts/ts-register.js scripts/derive-provider-schema.ts
 *
 * test/synth/provider-schema.test.ts re-derives the schema and fails when the committed file is stale.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { deriveProviderSchema, formatProviderSchema, readProviderAssembly } from '../src/synth/check/derive-schema';

const root = path.resolve(__dirname, '..');
const started = Date.now();
const schema = deriveProviderSchema(readProviderAssembly());
const target = path.join(root, 'src', 'synth', 'provider-schema.json');
fs.writeFileSync(target, formatProviderSchema(schema));
const version = Object.keys(schema)[0];
const types = Object.keys(schema[version].resources).length + Object.keys(schema[version].dataSources).length;
process.stdout.write(`wrote ${path.relative(root, target)}: ${types} types of @cdktf/provider-google ${version} (${Date.now() - started} ms)\n`);
