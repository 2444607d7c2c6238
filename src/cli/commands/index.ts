import type { RegisterCommand } from './RegisterCommand.js';
import { registerInfo } from './info.js';
import { registerLoss } from './loss.js';
import { registerNeuron } from './neuron.js';
import { registerDerive } from './derive.js';
import { registerExperiment } from './experiment.js';
import { registerPredict } from './predict.js';
import { registerTrain } from './train.js';
import { registerLab } from './lab.js';
import { registerTour } from './tour.js';
import { registerHuffman } from './huffman.js';
import { registerCompress } from './compress.js';
import { registerDecompress } from './decompress.js';
import { registerEval } from './eval.js';
import { registerCalibrate } from './calibrate.js';

/** Every command, in the order `xent --help` lists them. */
export const commands: readonly RegisterCommand[] = [registerInfo, registerHuffman, registerCompress, registerDecompress, registerLoss, registerNeuron, registerDerive, registerTrain, registerPredict, registerEval, registerCalibrate, registerExperiment, registerLab, registerTour];
