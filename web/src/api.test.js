// Tests of the API client's URL building, run with `node --test src/`.
import test from 'node:test';
import assert from 'node:assert/strict';
import { url } from './api.js';

test('url skips empty values and repeats arrays', () => {
  assert.equal(url('/v1/meetings', { participant: ['Khamenei', 'al-Sudani'], from: '', to: undefined, limit: 20 }),
    '/v1/meetings?participant=Khamenei&participant=al-Sudani&limit=20');
  assert.equal(url('/v1/entities', {}), '/v1/entities');
  assert.equal(url('/v1/entities', { q: 'a b&c' }), '/v1/entities?q=a+b%26c');
});
