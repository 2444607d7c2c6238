import type { Cost } from './Cost.js';

/** A single output unit at weighted input z: its activation, cost and δ = ∂C/∂z. */
export interface UnitCost {
  a: number;
  cost: number;
  dCdz: number;
}

/**
 * The cost's own row functions on a row of one unit with target y: what the single
 * neuron trains with, so that it and the network's output layer use one definition.
 *
 * @example
 * unitCost(quadraticCost, 4, 0)     // { a: 0.982…, cost: 0.482…, dCdz: 0.0173… }  σ'(4) is small
 * unitCost(crossEntropyCost, 4, 0)  // { a: 0.982…, cost: 4.018…, dCdz: 0.982… }   no σ'
 */
export function unitCost(cost: Cost, z: number, y: number): UnitCost {
  const zs = Float64Array.of(z);
  const ys = Float64Array.of(y);
  const as = new Float64Array(1);
  const delta = new Float64Array(1);
  cost.activation.apply(zs, 0, 1, as);
  cost.delta(zs, as, ys, 0, 1, delta);
  return { a: as[0], cost: cost.fromLogits(zs, as, ys, 0, 1), dCdz: delta[0] };
}
