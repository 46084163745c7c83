// Tests of how titles and their periods read, run with `node --test src/`.
import test from 'node:test';
import assert from 'node:assert/strict';
import { dayText, periodText, titleText, meetingRoute } from './view.js';

test('dayText writes days the same everywhere', () => {
  assert.equal(dayText('2022-10-27'), '27 Oct 2022');
  assert.equal(dayText('2024-01-09'), '9 Jan 2024');
  assert.equal(dayText('2023-11'), 'Nov 2023');
  assert.equal(dayText('2023'), '2023');
  assert.equal(dayText('soon'), 'soon');
  assert.equal(dayText('2023-13-01'), '2023-13-01');
  assert.equal(dayText(undefined), '');
});

test('titleText shows the period of a title', () => {
  assert.equal(titleText({ title: 'Prime Minister', from: '2022-10-27', to: '2024-01-09' }), 'Prime Minister (27 Oct 2022 – 9 Jan 2024)');
  assert.equal(titleText({ title: 'Supreme Leader', from: '2020-01-05', to: '2020-01-05' }), 'Supreme Leader (5 Jan 2020)');
  assert.equal(titleText({ title: 'President', from: '2021-08-03' }), 'President (since 3 Aug 2021)');
  assert.equal(titleText({ title: 'President', to: '2024-05-19' }), 'President (until 19 May 2024)');
  assert.equal(titleText({ title: 'Prime Minister' }), 'Prime Minister');
  assert.equal(titleText('Prime Minister'), 'Prime Minister');
  assert.equal(periodText({}), '');
});

test('meetingRoute needs only the id', () => {
  assert.equal(meetingRoute({ id: 'm-1b/7', date: '2023-11-06' }), '/meeting/m-1b%2F7');
});
