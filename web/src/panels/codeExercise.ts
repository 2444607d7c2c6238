import { compressBytes, MODEL_NAMES, type ModelName } from '../../../src/coding/index.js';
import type { Exercise } from '../exercises/Exercise.js';
import type { MessageKey } from '../i18n/messages.js';
import type { PanelContext } from './Panel.js';

const SHORT_NAME: Record<ModelName, MessageKey> = {
  order0: 'ex.code.order0',
  order1: 'ex.code.order1',
  order2: 'ex.code.order2',
  order3: 'ex.code.order3',
  cm: 'ex.code.cm',
};

/** Each model's file size in bytes for `text`, as `xent compress --model` writes it. */
export function fileSizes(text: string): Record<ModelName, number> {
  const bytes = new TextEncoder().encode(text);
  return Object.fromEntries(MODEL_NAMES.map((model) => [model, compressBytes(bytes, { model }).outputBytes])) as Record<ModelName, number>;
}

/**
 * #/code: which model makes the smallest file for the text in the box? The reveal runs the
 * coder with every model and shows the winner's file in the table.
 */
export function smallerFileExercise(ctx: PanelContext): Exercise {
  const { t } = ctx;
  return {
    id: 'code.smallerFile',
    route: 'code',
    question: t('ex.code.smaller.q'),
    answer: { kind: 'choice', choices: MODEL_NAMES.map((m) => ({ value: m, label: t(SHORT_NAME[m]) })) },
    async judge(answer) {
      const text = ctx.state().text;
      if (text === '') throw new Error(t('ex.code.empty'));
      // Let "checking…" show before the coders take the main thread.
      await new Promise((resolve) => setTimeout(resolve, 0));
      const sizes = fileSizes(text);
      const smallest = Math.min(...MODEL_NAMES.map((m) => sizes[m]));
      const winners = MODEL_NAMES.filter((m) => sizes[m] === smallest);
      ctx.set({ model: winners[0] });
      const chosen = answer as ModelName;
      const list = MODEL_NAMES.map((m) => t('ex.code.size', { model: t(SHORT_NAME[m]), bytes: sizes[m] })).join(t('notice.listSep'));
      const values = { winner: winners.map((m) => t(SHORT_NAME[m])).join(t('notice.listSep')), bytes: smallest, chosen: t(SHORT_NAME[chosen]), chosenBytes: sizes[chosen], list };
      const right = winners.includes(chosen);
      return { right, feedback: t(right ? 'ex.code.smaller.right' : 'ex.code.smaller.wrong', values) };
    },
  };
}
