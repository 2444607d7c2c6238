// The entry that scripts/bundleCli.mjs bundles into dist/bin/xent.cjs, which bin/xent.js runs.
import { runBin } from './runBin.js';

void runBin(process.argv[1], process.argv.slice(2));
