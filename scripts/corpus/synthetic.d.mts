// Types for the TypeScript tests that use the generator (scripts are plain ESM).
export declare const SYNTHETIC_VERSION: number;
export declare const SYNTHETIC_SEED: number;
export declare const SYNTHETIC_CACHE_DIR: string;
export interface SyntheticOptions {
  /** 1 is about 152k files and 4.4k rules; other sizes scale with it. */
  scale?: number;
  seed?: number;
}
export declare function generateSyntheticCorpus(options?: SyntheticOptions): { files: string[]; codeowners: string };
export declare function writeSyntheticCorpus(dir: string, options?: SyntheticOptions): { files: number; rules: number };
export declare function ensureSyntheticCorpus(options?: SyntheticOptions & { dir?: string }): string;
