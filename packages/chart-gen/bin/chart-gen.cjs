#!/usr/bin/env node
// `chart-gen`: committed, unlike dist/, so that npm links the command when it installs the package.
require('../dist/cli.js');
