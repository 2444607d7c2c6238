/** Draws a 28 × 28 digit (pixels in [0, 1], 1 = ink) on a 28 × 28 canvas, ink dark on white; CSS scales it. */
export function drawDigit(canvas: HTMLCanvasElement, pixels: ArrayLike<number>): void {
  const g = canvas.getContext('2d');
  if (g === null) return;
  const image = g.createImageData(28, 28);
  const rgba = image.data;
  for (let i = 0; i < 784; i++) {
    const v = 255 - Math.round(255 * Math.min(1, Math.max(0, pixels[i])));
    rgba[4 * i] = rgba[4 * i + 1] = rgba[4 * i + 2] = v;
    rgba[4 * i + 3] = 255;
  }
  g.putImageData(image, 0, 0);
}
