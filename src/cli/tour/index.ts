import { entropySection } from './entropySection.js';
import { codingSection } from './codingSection.js';
import { lossSection } from './lossSection.js';
import { mnistSection } from './mnistSection.js';
import { neuronSection } from './neuronSection.js';
import type { TourSection } from './TourSection.js';

/** The story in order (docs/design.md): information first, then coding, then learning. */
export const tourSections: readonly TourSection[] = [entropySection, codingSection, lossSection, neuronSection, mnistSection];
