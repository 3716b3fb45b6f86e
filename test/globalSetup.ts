// The synthetic monorepo corpus is written (when missing or stale) once, before the test files
// start in parallel workers, so that two workers never write it at the same time.
import { ensureSyntheticCorpus } from '../scripts/corpus/synthetic.mjs';

export default function setup(): void {
  ensureSyntheticCorpus();
}
