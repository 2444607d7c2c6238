import { logIn, type InfoUnit } from '../../../src/core/info/unit.js';
import { logRatio } from '../../../src/core/info/logRatio.js';
import { NeumaierAccumulator } from '../../../src/core/math/neumaierSum.js';

/** One outcome's rectangle: p_k wide, log(1/q_k) tall, so its area is p_k·log(1/q_k). */
export interface AreaRect {
  k: number;
  /** Left edge: p_0 + … + p_(k−1). */
  x: number;
  /** p_k. */
  width: number;
  /** log(1/q_k); Infinity where q_k = 0. */
  height: number;
  /** log(1/p_k): the outline of the entropy's own rectangle (Infinity where p_k = 0). */
  floor: number;
  /** p_k·log(1/q_k), the term of H(p,q); 0 where p_k = 0, whatever q_k (0·log 0 = 0). */
  term: number;
  /** p_k·log(p_k/q_k), the term of KL(p‖q): the area between the rectangle and the outline. */
  klTerm: number;
}

export interface CrossEntropyArea {
  rects: AreaRect[];
  /** Σ term = H(p,q); Infinity when some p_k > 0 has q_k = 0. */
  crossEntropy: number;
  /** Σ p_k·log(1/p_k) = H(p), the area under the outline. */
  entropy: number;
  /** Σ klTerm = KL(p‖q). */
  kl: number;
}

/**
 * Cross-entropy as an area: outcome k is a rectangle p_k wide and log(1/q_k) tall, laid
 * side by side on a base of total width 1, so the area is Σ p_k log(1/q_k) = H(p,q). The
 * outline log(1/p_k) over each rectangle encloses H(p); what lies between is KL(p‖q).
 * p and q are scaled to sum to 1 (a dragged distribution is off by an ulp).
 */
export function crossEntropyArea(p: readonly number[], q: readonly number[], unit: InfoUnit = 'bits'): CrossEntropyArea {
  if (p.length !== q.length) throw new RangeError(`p and q differ in length (${p.length} and ${q.length})`);
  const pSum = p.reduce((a, b) => a + b, 0);
  const qSum = q.reduce((a, b) => a + b, 0);
  const log = logIn(unit);
  const hpq = new NeumaierAccumulator();
  const hp = new NeumaierAccumulator();
  const kl = new NeumaierAccumulator();
  let infinite = false;
  let x = 0;
  const rects = p.map((raw, k): AreaRect => {
    const pk = raw / pSum;
    const qk = q[k] / qSum;
    const height = qk > 0 ? 0 - log(qk) : Infinity; // 0 − log, not −log: +0 where q_k = 1
    const floor = pk > 0 ? 0 - log(pk) : Infinity;
    let term = 0;
    let klTerm = 0;
    if (pk > 0) {
      if (qk === 0) {
        infinite = true;
        term = Infinity;
        klTerm = Infinity;
      } else {
        term = pk * height;
        klTerm = pk * logRatio(pk, qk, unit);
        hpq.add(term);
        kl.add(klTerm);
      }
      hp.add(pk * floor);
    }
    const rect = { k, x, width: pk, height, floor, term, klTerm };
    x += pk;
    return rect;
  });
  return { rects, crossEntropy: infinite ? Infinity : hpq.value(), entropy: hp.value(), kl: infinite ? Infinity : kl.value() };
}

/** A rectangle in pixels, with where it is clipped. */
export interface AreaBox {
  k: number;
  x: number;
  y: number;
  width: number;
  height: number;
  /** The outline log(1/p_k) as a y coordinate, or undefined where p_k = 0. */
  floorY: number | undefined;
  /** True where the rectangle is taller than the plot (q_k = 0 makes it infinite). */
  clipped: boolean;
}

export interface AreaLayout {
  boxes: AreaBox[];
  /** The height the plot's top stands for, in the measure's unit. */
  top: number;
}

/**
 * The area in pixels: `width` spread over the outcomes in proportion to p, heights on one
 * scale whose top is the tallest finite rectangle or outline (at least `minTop`, at most
 * `maxTop`); a taller or infinite rectangle reaches the top and is marked clipped.
 */
export function areaLayout(area: CrossEntropyArea, width: number, height: number, minTop = 1, maxTop = 8): AreaLayout {
  let tallest = minTop;
  for (const r of area.rects) {
    if (r.width === 0) continue;
    if (Number.isFinite(r.height)) tallest = Math.max(tallest, r.height);
    if (Number.isFinite(r.floor)) tallest = Math.max(tallest, r.floor);
  }
  const top = Math.min(tallest, maxTop);
  const scale = height / top;
  const boxes = area.rects.map((r): AreaBox => {
    const clipped = r.width > 0 && r.height > top;
    const h = r.width === 0 ? 0 : Math.min(r.height, top) * scale;
    return {
      k: r.k,
      x: r.x * width,
      y: height - h,
      width: r.width * width,
      height: h,
      floorY: r.width > 0 && Number.isFinite(r.floor) ? height - Math.min(r.floor, top) * scale : undefined,
      clipped,
    };
  });
  return { boxes, top };
}
