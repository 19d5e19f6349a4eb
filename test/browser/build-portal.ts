// Vitest global setup of the browser project: the bundle under test is built from the current web/
// sources (never a stale web/dist).
import { build } from 'vite';

export default async function setup(): Promise<void> {
  await build({
    configFile: new URL('../../web/vite.config.ts', import.meta.url).pathname,
    logLevel: 'warn',
  });
}
