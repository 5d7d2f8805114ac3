// Worker entry: TypeScript is loaded with the same tsx loader as the CLI, then serve.ts runs.
import { register } from 'tsx/esm/api';

register();
await import('./serve.ts');
