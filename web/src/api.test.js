// Tests of the API client's URL building, run with `node --test src/`.
import test from 'node:test';
import assert from 'node:assert/strict';
import { url, latest } from './api.js';

test('url skips empty values and repeats arrays', () => {
  assert.equal(url('/v1/meetings', { participant: ['Khamenei', 'al-Sudani'], from: '', to: undefined, limit: 20 }),
    '/v1/meetings?participant=Khamenei&participant=al-Sudani&limit=20');
  assert.equal(url('/v1/entities', {}), '/v1/entities');
  assert.equal(url('/v1/entities', { q: 'a b&c' }), '/v1/entities?q=a+b%26c');
});

test('latest lets only the newest answer through', async () => {
  const aborted = [];
  const slow = latest((signal, q, ms) => new Promise((resolve) => {
    signal.addEventListener('abort', () => aborted.push(q));
    setTimeout(() => resolve(q), ms); // answers even when aborted, as a finished fetch would
  }));
  const a = slow('a', 40);
  const b = slow('ab', 5);
  await assert.rejects(a, { name: 'AbortError' });
  assert.equal(await b, 'ab');
  assert.deepEqual(aborted, ['a']);
  const c = slow('abc', 5);
  slow.cancel();
  await assert.rejects(c, { name: 'AbortError' });
});
