// The real app, configured from the environment, for the dashboard benchmark.

import { loadConfig } from '../../src/platform/config.ts';
import { createServer } from '../../src/server.ts';

const { app } = await createServer(loadConfig({ ...process.env, LOG_LEVEL: 'silent' }));
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
console.log(`listening ${typeof address === 'object' && address ? address.port : 0}`);
process.on('SIGTERM', () => void app.close().then(() => process.exit(0)));
