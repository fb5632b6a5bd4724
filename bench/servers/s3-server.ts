// An S3-compatible server (s3rver, from npm) in its own process, for the storage bench:
// its own CPU and memory then do not count as the app's. Prints "listening PORT" when ready.
import { startS3Server } from '../../test/helpers/s3-server.ts';

const srv = await startS3Server('bench');
process.stdout.write(`listening ${new URL(srv.endpoint).port}\n`);
const stop = () => void srv.close().finally(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
