// `npm run script-tables`: writes shared/domain/script-tables.ts (see scripts/lib/script-tables.ts).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../infra/local/stack.ts';
import { scriptTablesSource } from './lib/script-tables.ts';

const file = join(projectRoot, 'shared', 'domain', 'script-tables.ts');
writeFileSync(file, scriptTablesSource());
console.log(`wrote ${file}`);
