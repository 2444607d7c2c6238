import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveStaticPath } from './resolveStaticPath.js';

const root = resolve('/srv/lab');

describe('resolveStaticPath', () => {
  it('maps plain paths under the root, / to index.html, and ignores query and fragment', () => {
    expect(resolveStaticPath(root, '/')).toBe(resolve(root, 'index.html'));
    expect(resolveStaticPath(root, '/?x=1')).toBe(resolve(root, 'index.html'));
    expect(resolveStaticPath(root, '/assets/index-abc.js?v=2')).toBe(resolve(root, 'assets/index-abc.js'));
    expect(resolveStaticPath(root, '/favicon.svg')).toBe(resolve(root, 'favicon.svg'));
    expect(resolveStaticPath(root, '/a%20b.txt')).toBe(resolve(root, 'a b.txt'));
  });

  it.each([
    '/../etc/passwd',
    '/assets/../../etc/passwd',
    '/./index.html',
    '/%2e%2e/etc/passwd',
    '/%2E%2E/etc/passwd',
    '/.%2e/etc/passwd',
    '/assets/..%2f..%2fetc/passwd',
    '/assets%2findex.js',
    '/%5c..%5cetc',
    '/..\\etc\\passwd',
    '/bad%zzescape',
    '/nul%00byte',
    '//etc/passwd',
    '/assets/',
    '/assets//index.js',
    'index.html',
    'http://example.com/index.html',
  ])('refuses %s', (target) => {
    expect(resolveStaticPath(root, target)).toBeUndefined();
  });

  it('leaves double-encoded dots as a literal (non-existent) name inside the root', () => {
    // %252e decodes once to the three characters "%2e", never to a dot.
    expect(resolveStaticPath(root, '/%252e%252e/x')).toBe(resolve(root, '%2e%2e/x'));
  });
});
