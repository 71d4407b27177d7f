/** Absolute path of the built add-on (addon/build/Release/soukan_native.node). */
export const ADDON_PATH: string;
/**
 * Builds the add-on with node-gyp when it is missing or older than its
 * sources. Returns its path, or null (after logging one line saying why and
 * which kernels are used instead) when it cannot be built. Never throws.
 */
export function buildNative(options?: { force?: boolean; log?: (message: string) => void }): string | null;
