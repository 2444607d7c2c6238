// Calibrators fitted by cross-entropy (temperature, vector, Platt) and the classic
// non-parametric maps (isotonic, histogram binning), saved as small versioned JSON.
export { type ScoreRows, checkScoreRows } from './ScoreRows.js';
export { fitTemperature, temperatureLogLoss, type TemperatureFit } from './fitTemperature.js';
export { fitVectorScaling, NEWTON_MAX_VECTOR_CLASSES, type VectorScalingFit, type VectorScalingOptions } from './fitVectorScaling.js';
export { fitPlatt, type PlattFit } from './fitPlatt.js';
export { fitDirichlet, MAX_DIRICHLET_CLASSES, NEWTON_MAX_DIRICHLET_CLASSES, type DirichletFit, type DirichletOptions } from './fitDirichlet.js';
export { fitIsotonic, interpolateMap, type IsotonicFit, type PiecewiseLinearMap } from './fitIsotonic.js';
export { fitHistogramBinning, MAX_HISTOGRAM_BINS, type HistogramBinningFit } from './fitHistogramBinning.js';
export { fitCalibrator, calibrateRows, meanLogLoss, CALIBRATION_METHODS, type Calibrator, type CalibrationMethod, type CalibrationFit, type CalibratorParameters, type FitOptions } from './Calibrator.js';
export { minimizeNewton, type SmoothObjective, type NewtonResult } from './minimizeNewton.js';
export { parseCalibrator, MAX_CALIBRATOR_CLASSES } from './parseCalibrator.js';
export { minimizeLbfgs, type LbfgsOptions, type LbfgsResult, type LbfgsStop } from './minimizeLbfgs.js';
export { type Minimizer } from './minimize.js';
