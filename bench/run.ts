// npm run bench [name ...]: runs each benchmark, which prints its own numbers next to a
// baseline measured in the same run. Names: see BENCHES below.

const BENCHES: Record<string, () => Promise<{ run(): Promise<void> }>> = {
  dashboard: () => import('./dashboard.ts'),
  upload: () => import('./upload.ts'),
  search: () => import('./search.ts'),
  icd10: () => import('./icd10.ts'),
  packet: () => import('./packet.ts'),
  soak: () => import('./soak.ts'),
  'import-load': () => import('./import-load.ts'),
};

const wanted = process.argv.slice(2);
const names = wanted.length ? wanted : Object.keys(BENCHES);
for (const name of names) {
  const load = BENCHES[name];
  if (!load) {
    console.error(`Unknown benchmark "${name}". Known: ${Object.keys(BENCHES).join(', ')}`);
    process.exit(2);
  }
  console.log(`\n## ${name}`);
  const started = Date.now();
  await (await load()).run();
  console.log(`(${name} took ${((Date.now() - started) / 1000).toFixed(0)} s)`);
}
