/** Where the English bundle is written. */
export declare const BUNDLE_PATH: string;
/** Every l10n.t message under `dir` (default src/editor), and the calls whose message is not a literal. */
export declare function extractMessages(dir?: string): { bundle: Record<string, string>; problems: string[] };
/** The bundle file's text. */
export declare function bundleText(bundle: Record<string, string>): string;
