// Types for the TypeScript test of the closing line's counting (scripts are plain ESM).
export interface UnitCounts {
  passed: number;
  failed: number;
  skipped: number;
  failures: string[];
}
export declare function unitCounts(options: { ok: boolean; summaryFile: string }): UnitCounts;
