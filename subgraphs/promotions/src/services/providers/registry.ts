import { BUILTIN_PROVIDERS } from './builtin.ts';
import type { PromotionProvider, ProviderDeps } from './provider.ts';

/** The providers this service can route to, by name. */
export class ProviderRegistry {
  private readonly providers = new Map<string, PromotionProvider>();

  constructor(providers: Iterable<PromotionProvider> = []) {
    for (const p of providers) this.register(p);
  }

  /** The built-in providers plus extra ones (remote engines, test doubles). */
  static create(deps: ProviderDeps, extra: readonly PromotionProvider[] = []): ProviderRegistry {
    return new ProviderRegistry([...BUILTIN_PROVIDERS.map((f) => f.create(deps)), ...extra]);
  }

  register(provider: PromotionProvider): void {
    if (!/^[a-z][a-z0-9-]{0,39}$/.test(provider.name)) throw new Error(`Invalid provider name "${provider.name}"`);
    if (this.providers.has(provider.name)) throw new Error(`Provider "${provider.name}" is registered twice`);
    this.providers.set(provider.name, provider);
  }

  get(name: string): PromotionProvider | undefined {
    return this.providers.get(name);
  }

  has(name: string): boolean {
    return this.providers.has(name);
  }

  names(): string[] {
    return [...this.providers.keys()].sort();
  }
}
