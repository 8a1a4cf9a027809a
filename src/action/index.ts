// The Action's entry point (dist/index.js).
import { runAction } from './main.js';

await runAction();
