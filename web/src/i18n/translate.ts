import type { Lang } from '../state/labState.js';
import { messages, type MessageKey } from './messages.js';

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

/** The message `key` in `lang`, with `{name}` placeholders filled from `values`. */
export function translator(lang: Lang): Translate {
  return (key, values) => {
    const text: string = messages[key][lang];
    if (!values) return text;
    return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
  };
}
