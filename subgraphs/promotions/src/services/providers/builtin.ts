import { legacyProvider } from './legacy.ts';
import { nativeProvider } from './native.ts';
import type { ProviderFactory } from './provider.ts';

/** Built-in providers. Adding an engine is its file in this folder and its line here. */
export const BUILTIN_PROVIDERS: readonly ProviderFactory[] = [nativeProvider, legacyProvider];

/** The provider of a market that has no routing stored. */
export const DEFAULT_PROVIDER = 'native';
