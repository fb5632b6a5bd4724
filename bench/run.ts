// npm run bench [name...]: runs every benchmark (or the named ones) in turn. Each prints
// its own numbers and the ratio against a baseline it runs beside itself.

const BENCHES: Record<string, () => Promise<{ run(): Promise<void> }>> = {
  icd10: () => import('./icd10.ts'),
};

const wanted = process.argv.slice(2);
for (const [name, load] of Object.entries(BENCHES)) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  console.log(`\n== ${name}`);
  await (await load()).run();
}
