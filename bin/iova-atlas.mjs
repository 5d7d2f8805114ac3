#!/usr/bin/env node
// The CLI runs the TypeScript sources directly (through tsx), so `npx iova-atlas` works right
// after `npm ci` with no build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
const { processIo } = await import('../src/cli/processIo.ts');
process.exitCode = await main(process.argv.slice(2), processIo());
