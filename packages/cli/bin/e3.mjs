#!/usr/bin/env node
// `e3`: runs the TypeScript CLI through tsx (the monorepo runs TypeScript directly, no build).
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
