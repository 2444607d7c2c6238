import { describe, expect, it } from 'vitest';
import { findAll, parseSvg, svgTexts } from './parseSvg.js';

describe('parseSvg', () => {
  it('reads elements, attributes and text, decoding entities', () => {
    const doc = parseSvg('<svg a="1"><g><text x="2" t="&quot;q&quot;">a &amp; b &lt;c&gt;</text><rect x="3"/></g>\n</svg>');
    expect(doc.name).toBe('svg');
    expect(findAll(doc, 'text')[0].attrs).toEqual({ x: '2', t: '"q"' });
    expect(findAll(doc, 'rect', { x: '3' })).toHaveLength(1);
    expect(findAll(doc, 'rect', { x: '4' })).toHaveLength(0);
    expect(svgTexts('<svg><text>one</text><g><text>two &#39;2&#39;</text></g></svg>')).toEqual(['one', "two '2'"]);
  });

  it.each([
    ['<svg><g></svg>', /closes/],
    ['<svg><g>', /never closed/],
    ['<svg></svg><svg></svg>', /one root/],
    ['<svg><text>a < b</text></svg>', /raw markup/],
    ['<svg><text>a & b</text></svg>', /raw markup/],
    ['<svg x="1" x="2"></svg>', /twice/],
  ])('rejects %s', (svg, message) => {
    expect(() => parseSvg(svg)).toThrow(message);
  });
});
