// Streaming evaluation of predicted probabilities: pure accumulators, and the engine over byte sources (the table readers live in src/formats).
export { EvalAccumulator, type AccumulatorSetup } from './EvalAccumulator.js';
export { evaluateStreams, type EvalStreams, type EvaluateStreamsOptions, type EvalProgress } from './evaluateStreams.js';
export { evalSums, mergeEvalSums, evalReport, type EvalSums, type EvalSettings } from './EvalSums.js';
export { MAX_BINS, MAX_QUANTILE_BINS, MAX_CLASS_BINS, evalSumsBytes } from './evalLimits.js';
export { SMOOTH_ECE_GRID } from './SmoothEce.js';
export { ConfidenceQuantiles } from './ConfidenceQuantiles.js';
export { evaluateSources, type EvalSources } from './evaluateSources.js';
export { resolveEvalOptions, INPUT_KINDS, BINNINGS, SUM_TOLERANCE, type EvalOptions, type InputKind, type Binning } from './EvalOptions.js';
export type { EvalReport, CalibrationBin, BrierDecomposition } from './EvalReport.js';
export type { TableBatch, TableStream, LabelResolver, CellWhere } from '../formats/TableBatch.js';
export { reliabilityFigure, RELIABILITY_TEXTS_EN, type ReliabilityTexts } from './reliabilityFigure.js';
export { smoothReliabilityFigure, smoothReliabilityPanels, SMOOTH_RELIABILITY_TEXTS_EN, type SmoothReliabilityTexts } from './smoothReliabilityFigure.js';
export { smoothReliability, SMOOTH_RELIABILITY_POINTS, type SmoothReliability, type SmoothReliabilityBand } from './SmoothReliability.js';
export { riskCoverageCurve, type RiskCoverageCurve } from './RiskCoverage.js';
export { uniformBinEdges, binOf } from './binEdges.js';
// At scale: the saved table of sums, the SQL producer, the bootstrap and the quantile sketch.
export { evalStatsJson, parseEvalStats, evalStatsSettings, settingsDifference, EVAL_STATS_FORMAT, EVAL_STATS_VERSION, type EvalStats, type EvalStatsSettings } from './evalStatsJson.js';
export { evalSql, SQL_DIALECTS, type SqlDialect, type EvalSqlRequest } from './sql/evalSql.js';
export { sumsFromCells, type SumCell } from './sql/sumsFromCells.js';
export { bootstrapSums, bootstrapIntervals, MAX_BOOTSTRAP_REPLICATES, type BootstrapSums, type BootstrapIntervals } from './PoissonBootstrap.js';
export { kllSketch, kllAdd, kllMerge, kllQuantiles, KLL_K, KLL_RANK_ERROR, type KllSketch } from './KllSketch.js';
export { EQUAL_MASS_GRID, type EvalSumsScale } from './EvalSumsScale.js';
export type { EqualMassFromStats } from './EqualMassFromStats.js';
