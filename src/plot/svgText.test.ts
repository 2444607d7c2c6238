import { describe, expect, it } from 'vitest';
import { escapeXml, px, textWidth, wrapText } from './svgText.js';

describe('svgText', () => {
  it('gives CJK characters a whole em, Latin ones less', () => {
    expect(textWidth('局数', 10)).toBe(20);
    expect(textWidth('每字符比特数（）', 12)).toBe(96);
    expect(textWidth('ab', 10)).toBeCloseTo(12, 10);
    expect(textWidth('il', 10)).toBeCloseTo(6.6, 10);
  });

  it('wraps at spaces, escapes markup and rounds coordinates', () => {
    expect(wrapText('aa bb cc', textWidth('aa bb', 10), 10)).toEqual(['aa bb', 'cc']);
    expect(escapeXml(`<a href="x">&'`)).toBe('&lt;a href=&quot;x&quot;&gt;&amp;&#39;');
    expect(px(1.23456)).toBe('1.23');
    expect(px(2)).toBe('2');
  });
});
