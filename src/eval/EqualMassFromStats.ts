/** How the equal-mass edges of a report from stats were found. */
export interface EqualMassFromStats {
  method: 'kll' | 'grid';
  gridCells: number;
  /** KLL's normalized rank error (99% per edge), or 0 for the grid's exact counts. */
  sketchRankError: number;
  /** max_m |rows ≤ edge_m − r_m| / n: the edges' actual normalized rank error, from the exact cell counts. */
  largestRankError: number;
}
