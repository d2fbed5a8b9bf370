// s3rver in a process of its own, for the tests and benchmarks of `publish` (started by s3-server.ts).
// Two repairs of s3rver 3.7.1 for listings longer than one page (1,000 keys), made here and nowhere else:
// - it lists keys in the order readdir gives, which is not S3's key order ("packages/…" before "packages.json" or
//   worse), so the next page, which starts after the last key, skips keys: its directory walk is replaced by one
//   in key order before s3rver loads it;
// - it encrypts continuation tokens with DES, which OpenSSL 3 leaves out: s3-server.ts starts this process with
//   node's --openssl-legacy-provider.
import { readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { posix } from 'node:path';

const require = createRequire(import.meta.url);
const utils = require('s3rver/lib/utils');
// An object is stored as "<name>._S3rver_object" (plus metadata files): it sorts as "<name>"; a directory as "<name>/".
const sortKey = (dir, name) => (statSync(posix.join(dir, name)).isDirectory() ? `${name}/` : name.replace(/\._S3rver_.*$/, ''));
utils.walk = function* walk(dir, recurseFilter) {
  const names = readdirSync(dir).map((name) => [sortKey(dir, name), name]).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [, name] of names) {
    const path = posix.join(dir, name);
    if (!statSync(path).isDirectory()) yield path;
    else if (!recurseFilter || recurseFilter(path)) yield* walk(path, recurseFilter);
  }
};
const { default: S3rver } = await import('s3rver');

const [directory, ...buckets] = process.argv.slice(2);
const server = new S3rver({ address: '127.0.0.1', port: 0, silent: true, directory, configureBuckets: buckets.map((name) => ({ name })) });
const puts = [];
let kill = null;
server.on('event', (event) => {
  for (const record of event.Records) {
    if (record.eventName !== 'ObjectCreated:Put') continue;
    const key = decodeURIComponent(record.s3.object.key);
    puts.push(key);
    if (kill !== null && new RegExp(kill.pattern).test(key)) {
      process.kill(kill.pid, 'SIGKILL');
      kill = null;
    }
  }
});
const { port } = await server.run();
process.on('message', async (message) => {
  if (message.puts) process.send({ id: message.id, puts });
  if (message.killOnPut !== undefined) {
    kill = message.killOnPut;
    process.send({ id: message.id });
  }
  if (message.close) {
    await server.close();
    process.send({ id: message.id }, () => process.exit(0));
  }
});
process.send({ port });
