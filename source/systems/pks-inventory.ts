import { inventoryFromPks, type PksInventory } from '../config/inventory-from-pks.js';
import type { Pks, PksCallOptions } from './pks.js';

/** `--from-pks PATTERN`: asks PKS for its clusters (`pks clusters --json`) and keeps the matches. */
export async function pksInventory(
  pks: Pick<Pks, 'clusters'>,
  pattern: string,
  call: PksCallOptions = {},
): Promise<PksInventory> {
  return inventoryFromPks(await pks.clusters(call), pattern);
}
