// Types of eslint.layers.js, for scripts/importGraph.ts.
export declare const LAYERS: readonly (readonly string[])[];
export declare const FORBIDDEN: readonly {
  readonly target: string;
  readonly from: readonly string[];
  readonly message: string;
}[];
export declare function layerZones(): { target: string; from: string[]; message: string }[];
