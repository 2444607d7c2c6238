import { h } from '../ui/h.js';

export interface DrawingPad {
  element: HTMLCanvasElement;
  /** The ink, width × height values in [0, 1] (0 = paper), row-major. */
  ink(): { ink: Float64Array; width: number; height: number; empty: boolean };
  clear(): void;
}

/** Canvas pixels of the pad; CSS scales it to the page (280 CSS pixels at most). */
const SIZE = 280;
/** Pen width in canvas pixels: a 200-pixel digit scaled into MNIST's 20-pixel box gets MNIST's 2-pixel strokes. */
const PEN = 20;

/**
 * A square canvas to draw on with a mouse, a pen or a finger (pointer events; the
 * canvas's `touch-action: none` keeps a finger from scrolling the page). `onChange` runs
 * at most once per frame while drawing and once when a stroke ends.
 */
export function drawingPad(options: { ariaLabel: string; onChange: () => void }): DrawingPad {
  const canvas = h('canvas', { width: SIZE, height: SIZE, class: 'pad', role: 'img', 'aria-label': options.ariaLabel });
  const g = canvas.getContext('2d', { willReadFrequently: true })!;
  g.lineCap = 'round';
  g.lineJoin = 'round';
  g.lineWidth = PEN;
  g.strokeStyle = '#1b2330';
  g.fillStyle = '#1b2330';
  let drawing = false;
  let last: [number, number] = [0, 0];
  let frame: number | undefined;

  const at = (e: PointerEvent): [number, number] => {
    const r = canvas.getBoundingClientRect();
    return [((e.clientX - r.left) * SIZE) / r.width, ((e.clientY - r.top) * SIZE) / r.height];
  };
  const changed = () => {
    if (frame !== undefined) return;
    frame = requestAnimationFrame(() => {
      frame = undefined;
      options.onChange();
    });
  };
  canvas.addEventListener('pointerdown', (e) => {
    if (e.pointerType === 'mouse' && e.button !== 0) return;
    e.preventDefault();
    canvas.setPointerCapture(e.pointerId);
    drawing = true;
    last = at(e);
    g.beginPath();
    g.arc(last[0], last[1], PEN / 2, 0, 2 * Math.PI);
    g.fill();
    changed();
  });
  canvas.addEventListener('pointermove', (e) => {
    if (!drawing) return;
    const p = at(e);
    g.beginPath();
    g.moveTo(last[0], last[1]);
    g.lineTo(p[0], p[1]);
    g.stroke();
    last = p;
    changed();
  });
  const end = () => {
    if (!drawing) return;
    drawing = false;
    changed();
  };
  canvas.addEventListener('pointerup', end);
  canvas.addEventListener('pointercancel', end);

  return {
    element: canvas,
    ink() {
      const data = g.getImageData(0, 0, SIZE, SIZE).data;
      const ink = new Float64Array(SIZE * SIZE);
      let empty = true;
      for (let i = 0; i < ink.length; i++) {
        ink[i] = data[4 * i + 3] / 255;
        if (ink[i] > 0) empty = false;
      }
      return { ink, width: SIZE, height: SIZE, empty };
    },
    clear() {
      g.clearRect(0, 0, SIZE, SIZE);
      options.onChange();
    },
  };
}
