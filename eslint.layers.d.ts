// Types of eslint.layers.js, for scripts/importGraph.ts.
export declare const LAYERS: readonly (readonly string[])[];
export declare const OUTSIDE: readonly string[];
export interface Forbidden {
  readonly targets: readonly string[];
  readonly from: readonly string[];
  readonly allow?: readonly string[];
  readonly message: string;
}
export declare const FORBIDDEN: readonly Forbidden[];
export declare function layerZones(): { target: string; from: string | string[]; except?: string[]; message: string }[];
