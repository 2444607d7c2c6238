import { readFileSync } from 'node:fs';

/** One dataset of test/fixtures/calibration.json (scripts/reference/calibration_fixtures.py) and scipy's fits on it. */
export interface CalibrationFixture {
  name: string;
  rows: number;
  classes: number;
  scores: number[];
  labels: number[];
  weights: number[] | null;
  temperature: { temperature: number; logLossBefore: number; logLossAfter: number };
  vector: { weights: number[]; biases: number[]; logLossBefore: number; logLossAfter: number };
  dirichlet: { lambda: number; mu: number; matrix: number[]; intercepts: number[]; objective: number; logLossBefore: number; logLossAfter: number };
  platt?: { a: number; b: number; logLossBefore: number; logLossAfter: number };
  isotonic: { maps: Array<{ xs: number[]; ys: number[] }>; probabilities: number[] };
  histogram: { bins: number; values: number[][] };
}

export const calibrationFixtures = (JSON.parse(readFileSync(new URL('../fixtures/calibration.json', import.meta.url), 'utf8')) as { datasets: CalibrationFixture[] }).datasets;
