// `npm run content:report`: writes docs/content-review.md from src/content and the English
// catalogue (src/platform/content/report.ts). `--check` only says whether the file is current.
import fs from 'node:fs';
import path from 'node:path';
import { renderContentReport } from '../src/platform/content/report.ts';

const file = path.resolve(import.meta.dirname, '../docs/content-review.md');
const text = renderContentReport();
if (process.argv.includes('--check')) {
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  if (current !== text) {
    console.error('docs/content-review.md is out of date: run npm run content:report');
    process.exitCode = 1;
  } else console.log('docs/content-review.md is up to date');
} else {
  fs.writeFileSync(file, text);
  console.log(`wrote docs/content-review.md (${text.split('\n').length} lines)`);
}
