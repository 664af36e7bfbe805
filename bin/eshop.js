#!/usr/bin/env node
// The platform's command-line entry point. The code is TypeScript run through tsx, so a fresh
// clone needs no build step: `npm ci` and go.
import { register } from 'tsx/esm/api';

register();
await import('../cli/main.ts');
