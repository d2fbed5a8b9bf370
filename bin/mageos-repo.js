#!/usr/bin/env node
import { main } from '../dist/bundle/mageos-repo.js';

process.exitCode = await main(process.argv.slice(2));
