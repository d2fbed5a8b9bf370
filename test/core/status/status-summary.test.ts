import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Night, StatusDocument } from '../../../src/core/status/status-document.js';
import { summarizeStatus } from '../../../src/core/status/status-summary.js';
import { dateTimeText, durationText } from '../../../src/core/status/time-text.js';
import { sampleNight } from '../../support/status-sample.js';

/** A document from `served` and the nights' results, newest first, on consecutive days ending 2026-12-07. */
function history(served: string | null, results: Array<Night['result']>): StatusDocument {
  const nights = results.map((result, i) => sampleNight(`2026-12-${String(7 - i).padStart(2, '0')}`, result));
  return { schemaVersion: 1, repository: 'https://nightly.example/', served, nights };
}

describe('the summary of a nightly history', () => {
  it('installable since the first night of the unbroken run of published or unchanged nights that ends at the served night', () => {
    const summary = summarizeStatus(history('2026-12-07', ['published', 'unchanged', 'published', 'failed', 'published']));
    assert.deepEqual(summary, {
      state: 'installable',
      served: '2026-12-07',
      installableSince: '2026-12-05',
      newest: { night: '2026-12-07', result: 'published' },
      sentence: 'Serving 2026-12-07, installable since 2026-12-05.',
    });
  });

  it('a failed newest night: failing, still serving the previous good night, installable since its run began', () => {
    const summary = summarizeStatus(history('2026-12-06', ['failed', 'published', 'published', 'published', 'failed']));
    assert.equal(summary.state, 'failing');
    assert.equal(summary.served, '2026-12-06');
    assert.equal(summary.installableSince, '2026-12-04');
    assert.deepEqual(summary.newest, { night: '2026-12-07', result: 'failed' });
    assert.equal(summary.sentence, 'The newest night, 2026-12-07, failed; still serving 2026-12-06, installable since 2026-12-04.');
  });

  it('a newest night with no change keeps serving the last published night and says so', () => {
    const summary = summarizeStatus(history('2026-12-06', ['unchanged', 'published', 'failed']));
    assert.equal(summary.state, 'installable');
    assert.equal(summary.installableSince, '2026-12-06');
    assert.equal(summary.sentence, 'Serving 2026-12-06, installable since 2026-12-06; the newest night, 2026-12-07, had no changes.');
  });

  it('never published: none, whatever the nights did', () => {
    const failed = summarizeStatus(history(null, ['failed', 'failed']));
    assert.deepEqual([failed.state, failed.served, failed.installableSince], ['none', null, null]);
    assert.equal(failed.sentence, 'No nightly has been published yet; the newest night, 2026-12-07, failed.');
    const empty = summarizeStatus(history(null, []));
    assert.deepEqual([empty.state, empty.newest, empty.sentence], ['none', null, 'No nightly has been published yet.']);
  });

  it('a served night older than the history kept: installable since that night, as far as the history tells', () => {
    const summary = summarizeStatus(history('2026-11-01', ['unchanged', 'unchanged']));
    assert.deepEqual([summary.state, summary.installableSince], ['installable', '2026-11-01']);
  });

  it('reads the nights newest first even when the document lists them in another order', () => {
    const document = history('2026-12-06', ['failed', 'published', 'published']);
    document.nights.reverse();
    const summary = summarizeStatus(document);
    assert.deepEqual([summary.state, summary.newest?.night, summary.installableSince], ['failing', '2026-12-07', '2026-12-05']);
  });
});

describe('times as the status page and the terminal show them', () => {
  it('durations in the largest two units that matter', () => {
    assert.deepEqual([850, 42_000, 59_499, 60_000, 723_000, 3_600_000, 3_900_000].map(durationText), ['850 ms', '42 s', '59 s', '1 min', '12 min 3 s', '1 h', '1 h 5 min']);
  });

  it('ISO 8601 times to the minute with their zone; other text as it is', () => {
    assert.equal(dateTimeText('2026-12-06T22:10:41+00:00'), '2026-12-06 22:10 UTC');
    assert.equal(dateTimeText('2026-12-06T22:10:41.123Z'), '2026-12-06 22:10 UTC');
    assert.equal(dateTimeText('2026-12-06T23:10:41+01:00'), '2026-12-06 23:10 +01:00');
    assert.equal(dateTimeText('yesterday'), 'yesterday');
  });
});
