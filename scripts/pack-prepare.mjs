// `prepack` of every published package (npm runs it in the package's folder
// before `npm pack` and `npm publish`): the repository keeps one LICENSE, at
// its root, and each tarball carries a copy. The copies are git-ignored.
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './lib.mjs';

copyFileSync(join(root, 'LICENSE'), join(process.cwd(), 'LICENSE'));
