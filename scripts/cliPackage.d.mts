/** The CLI package's npm name. */
export declare const CLI_PACKAGE_NAME: string;
/** The CLI package's manifest, derived from the extension's package.json. */
export declare function cliManifest(projectDir: string): Record<string, unknown>;
/** Packs the CLI package into `outDir`; returns the tarball's path. */
export declare function packCli(projectDir: string, outDir: string, cliBundle?: string): string;
