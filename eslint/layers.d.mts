/** Types of eslint/layers.mjs (shared by eslint.config.js and test/layers.test.ts). */
export declare const LAYERS: string[][];
export declare const EXCEPTIONS: Array<{ from: string; to: string }>;
export declare function layerOf(srcRoot: string, file: string): number | undefined;
export declare function checkImport(srcRoot: string, fromFile: string, spec: string, root?: string): string | undefined;
