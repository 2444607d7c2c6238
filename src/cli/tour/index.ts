import { entropySection } from './entropySection.js';
import type { TourSection } from './TourSection.js';

/** The story in order (DESIGN.md): information first, then coding, then learning. */
export const tourSections: readonly TourSection[] = [entropySection];
