import { XentError } from '../XentError.js';

/** Units of information: log base 2 (bits), e (nats) or 10 (bans, also hartleys). */
export type InfoUnit = 'bits' | 'nats' | 'bans';

/**
 * The units every information measure accepts as `unit`, in the order the CLI lists them.
 *
 * @example
 * INFO_UNITS // ['bits', 'nats', 'bans']
 */
export const INFO_UNITS: readonly InfoUnit[] = ['bits', 'nats', 'bans'];

/**
 * Factor that turns nats into `unit`: 1/ln 2 for bits, 1 for nats, 1/ln 10 for bans.
 *
 * @example
 * natsTo('bits') // 1.4426950408889634 = 1/ln 2 bits per nat
 */
export function natsTo(unit: InfoUnit): number {
  switch (unit) {
    case 'bits':
      return Math.LOG2E;
    case 'nats':
      return 1;
    case 'bans':
      return Math.LOG10E;
    default:
      throw unknownUnit(unit, 'unit');
  }
}

/**
 * The logarithm in `unit`'s base. Math.log2 and Math.log10 rather than ln scaled by a
 * constant, so dyadic examples come out exact: −½·log2 ½ is exactly ½, whereas
 * ln ½ · (1/ln 2) rounds to 0.49999999999999994.
 */
export function logIn(unit: InfoUnit): (x: number) => number {
  switch (unit) {
    case 'bits':
      return Math.log2;
    case 'nats':
      return Math.log;
    case 'bans':
      return Math.log10;
    default:
      throw unknownUnit(unit, 'unit');
  }
}

/**
 * `unit` as an InfoUnit; an XentError naming `field` unless it is one of bits, nats, bans.
 *
 * @example
 * parseUnit('nats') // 'nats'
 */
export function parseUnit(unit: unknown, field = 'unit'): InfoUnit {
  if (typeof unit === 'string' && (INFO_UNITS as readonly string[]).includes(unit)) return unit as InfoUnit;
  throw unknownUnit(unit, field);
}

function unknownUnit(unit: unknown, field: string): XentError {
  return new XentError(`unknown unit '${String(unit)}', expected bits, nats or bans`, { field });
}
