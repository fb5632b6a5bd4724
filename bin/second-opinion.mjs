#!/usr/bin/env node
// The command-line entry: runs the TypeScript sources through tsx, with the project's own
// tsconfig wherever the command is started from.
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register({ tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)) });
const { main } = await import('../src/cli.ts');
process.exitCode = await main(process.argv.slice(2));
