// Tests of locate, run with `node --test src/` (no browser needed).
import test from 'node:test';
import assert from 'node:assert/strict';
import { locate } from './highlight.js';

test('locate finds the exact sentence', () => {
  const text = 'First. The Leader met al-Sudani on November 6, 2023. Last.';
  const s = 'The Leader met al-Sudani on November 6, 2023.';
  assert.deepEqual(locate(text, s), [7, 7 + s.length]);
});

test('locate ignores differences of whitespace', () => {
  const text = 'A.\nThe Leader  met\nal-Sudani.\nB.';
  const r = locate(text, 'The Leader met al-Sudani.');
  assert.equal(text.slice(r[0], r[1]), 'The Leader  met\nal-Sudani.');
});

test('locate answers null when the sentence is not there', () => {
  assert.equal(locate('Nothing here.', 'The Leader met al-Sudani.'), null);
  assert.equal(locate('Nothing here.', ''), null);
});
