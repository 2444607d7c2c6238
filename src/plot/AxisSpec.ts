import type { ScaleType } from './scale.js';

/** One axis of a panel: its title and scale; shared by line and bar panels. */
export interface AxisSpec {
  /** Axis title with its unit, such as 'cost C (nats)'. */
  label: string;
  scale?: ScaleType;
  /** Fixed [min, max]; by default the data's extent made round. */
  domain?: readonly [number, number];
}
