/** Types of ensureBuild.mjs, for the TypeScript benchmarks. */
export declare const ROOT: string;
export declare const DIST: string;
export declare function ensureBuild(): string | undefined;
