import DataLoader from 'dataloader';
import type { OrderRecord, OrdersRepository } from '../data/ordersRepository.ts';

/** Per-request order reads. */
export function createOrderLoader(repo: OrdersRepository) {
  return new DataLoader<string, OrderRecord | null>(async (ids) => {
    const found = await repo.findMany(ids);
    return ids.map((id) => found.get(id) ?? null);
  });
}
