#!/usr/bin/env node
// Imports every test file given into this one process, so node:test runs them all here: one start-up
// (Node, the TypeScript loader, the harness's modules) instead of one per file.
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

for (const file of process.argv.slice(2)) await import(pathToFileURL(resolve(file)).href);
