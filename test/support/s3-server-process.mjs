// s3rver in a process of its own, for the tests and benchmarks of `publish` (started by s3-server.ts).
// It needs node's --openssl-legacy-provider: s3rver encrypts its list continuation tokens with DES, which OpenSSL 3
// leaves out by default, so a listing longer than one page would fail.
// argv: <directory> <bucket>... ; IPC: sends {port} once listening; answers {puts} with the keys written so far,
// in order; {killOnPut: {pid, pattern}} makes it SIGKILL that process as it stores the first key matching the
// pattern, before it answers that request; {close} stops it.
import S3rver from 's3rver';

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
