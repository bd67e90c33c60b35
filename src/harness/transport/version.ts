/** This install's echolab version (package.json), which a remote install must match, and where it is. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { compiledScript } from '../compiled.js';

/** The package root (where bin/echolab.js is): the default DIR of a host spec. */
export const INSTALL_DIR = dirname(dirname(compiledScript('package.json')));

export const ECHOLAB_VERSION: string = (JSON.parse(readFileSync(join(INSTALL_DIR, 'package.json'), 'utf8')) as { version: string }).version;
