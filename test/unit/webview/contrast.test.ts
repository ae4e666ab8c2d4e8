// The page's colours must read at WCAG AA in every theme, whatever the theme's chart colours are.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AA_TEXT, contrast, over, parseColor, pickReadable } from '../../../src/webview/contrast';

const c = (s: string) => parseColor(s)!;

test('colours parse in the spellings VS Code and getComputedStyle use', () => {
  assert.deepEqual(parseColor('#fff'), { r: 255, g: 255, b: 255, a: 1 });
  assert.deepEqual(parseColor('#d1861655'), { r: 0xd1, g: 0x86, b: 0x16, a: 0x55 / 255 });
  assert.deepEqual(parseColor('rgb(1, 2, 3)'), { r: 1, g: 2, b: 3, a: 1 });
  assert.deepEqual(parseColor('rgba(1, 2, 3, 0.5)'), { r: 1, g: 2, b: 3, a: 0.5 });
  assert.deepEqual(parseColor('rgb(1 2 3 / 50%)'), { r: 1, g: 2, b: 3, a: 0.5 });
  assert.equal(parseColor(''), undefined);
  assert.equal(parseColor('orange'), undefined);
  assert.equal(parseColor('#12345'), undefined);
});

test('the contrast ratio matches WCAG reference values', () => {
  assert.equal(contrast(c('#000'), c('#fff')).toFixed(1), '21.0');
  assert.equal(contrast(c('#777777'), c('#ffffff')).toFixed(2), '4.48');
  assert.equal(contrast(c('#fff'), c('#fff')), 1);
});

test('a translucent chart colour is never used, even when it would blend to enough contrast', () => {
  const dark = c('#1f1f1f');
  const picked = pickReadable([c('#d1861655'), c('#cca700')], c('#cccccc'), [], dark);
  assert.deepEqual(picked, c('#cca700'));
});

test('a candidate too faint on any background is blended towards the text colour until it reads', () => {
  const white = c('#ffffff');
  const currentLine = c('#0060c040'); // translucent, laid over the page background
  const orange = c('#d18616'); // 2.6:1 on white
  const text = c('#3b3b3b');
  const picked = pickReadable([orange], text, [currentLine], white);
  assert.ok(contrast(picked, white) >= AA_TEXT);
  assert.ok(contrast(picked, over(currentLine, white)) >= AA_TEXT);
  assert.notDeepEqual(picked, text, 'keeps some of its hue');
});

test('with no usable candidate (a high-contrast theme without chart colours) the text colour is used', () => {
  const black = c('#000000');
  const text = c('#ffffff');
  assert.deepEqual(pickReadable([undefined, undefined], text, [], black), text);
});

test('a good opaque candidate is kept as it is', () => {
  const picked = pickReadable([c('#f48771')], c('#ccc'), [c('#2a2d2e')], c('#1e1e1e'));
  assert.deepEqual(picked, c('#f48771'));
});

test('when even the text colour is too faint on a background, it is taken further, towards black on a light page', () => {
  const white = c('#ffffff');
  const pinkRow = c('#ff000033'); // Light+'s removed-line background, laid over the page
  const text = c('#616161'); // 4.35:1 on that row
  assert.ok(contrast(text, over(pinkRow, white)) < AA_TEXT);
  const picked = pickReadable([undefined], text, [pinkRow], white);
  assert.ok(contrast(picked, over(pinkRow, white)) >= AA_TEXT);
  assert.ok(picked.r < text.r, 'darker, not lighter');
});
