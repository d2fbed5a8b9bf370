import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EMPTY_DIR_MODE, orderArchiveEntries, PARENT_DIR_MODE } from '../../../src/core/archive/entry-order.js';
import { eachEntryNameProblem, entryNameProblem } from '../../../src/core/archive/entry-name.js';

const file = (path: string, executable = false) => ({ path, executable, source: path });
const listing = (entries: ReturnType<typeof orderArchiveEntries<string>>) =>
  entries.map((e) => (e.kind === 'dir' ? `${e.path} ${e.mode.toString(8)}` : e.path));

describe('orderArchiveEntries', () => {
  it('sorts like an en-US collation: case-insensitive first, punctuation before digits before letters', () => {
    const entries = orderArchiveEntries(['README.md', 'registration.php', 'composer.json', '_a.txt', '1.txt', 'Test/X.php', 'etc/di.xml'].map((p) => file(p)), []);
    assert.deepEqual(listing(entries), ['_a.txt', '1.txt', 'composer.json', 'etc/ 775', 'etc/di.xml', 'README.md', 'registration.php', 'Test/ 775', 'Test/X.php']);
  });

  it('puts each directory entry right before the first entry inside it, parents first', () => {
    const entries = orderArchiveEntries([file('etc/adminhtml/system.xml'), file('etc/config.xml'), file('Model/X.php'), file('composer.json')], []);
    assert.deepEqual(listing(entries), ['composer.json', 'etc/ 775', 'etc/adminhtml/ 775', 'etc/adminhtml/system.xml', 'etc/config.xml', 'Model/ 775', 'Model/X.php']);
  });

  it('sorts added empty directories by their name without slash, with mode 0755 and parents 0775', () => {
    const entries = orderArchiveEntries([file('app/etc/di.xml'), file('app/autoload.php'), file('index.php')], ['app/code/Magento', 'lib/internal/Magento']);
    assert.deepEqual(listing(entries), [
      'app/ 775', 'app/autoload.php', 'app/code/ 775', `app/code/Magento/ ${EMPTY_DIR_MODE.toString(8)}`, 'app/etc/ 775', 'app/etc/di.xml', 'index.php',
      'lib/ 775', 'lib/internal/ 775', 'lib/internal/Magento/ 755',
    ]);
  });

  it('gives a directory added twice its first place and the mode of the last time it was added', () => {
    const asParentLast = orderArchiveEntries([file('a/b/c.txt')], ['a/b']);
    assert.deepEqual(listing(asParentLast), ['a/ 775', `a/b/ ${PARENT_DIR_MODE.toString(8)}`, 'a/b/c.txt']);
    const emptyThenParent = orderArchiveEntries([file('a/a.txt'), file('0.txt')], ['a']);
    assert.deepEqual(listing(emptyThenParent), ['0.txt', 'a/ 775', 'a/a.txt']);
    const parentThenEmpty = orderArchiveEntries([file('x/y/z.txt')], ['x/y', 'x']);
    assert.deepEqual(listing(parentThenEmpty), ['x/ 775', 'x/y/ 775', 'x/y/z.txt']);
  });

  it('keeps the executable flag of files', () => {
    const entries = orderArchiveEntries([file('bin/run', true)], []);
    assert.deepEqual(entries[1], { kind: 'file', path: 'bin/run', executable: true, source: 'bin/run' });
  });

  for (const [name, problem] of [
    ['/etc/passwd', /absolute path/],
    ['a/../../x', /"\.\." segment/],
    ['a//b', /empty path segment/],
    ['a\\b', /backslash/],
    ['./a', /"\." segment/],
  ] as const) {
    it(`refuses the entry name "${name}" and names it`, () => {
      assert.throws(() => orderArchiveEntries([file(name)], [], 'acme/x 1.0.0'), (e: Error & { code?: string }) => {
        assert.equal(e.code, 'ERR_ARCHIVE_ENTRY_INVALID');
        assert.match(e.message, problem);
        assert.ok(e.message.includes(name) && e.message.includes('acme/x 1.0.0'), e.message);
        return true;
      });
    });
  }

  it('the shortcut for ordinary names answers as the checks one by one, on every name of up to 6 characters from a tricky alphabet', () => {
    const alphabet = ['a', '.', '/', '\\', '\0', 'C', ':', 'é'];
    let names = [''];
    let compared = 0;
    for (let length = 0; length <= 6; length++) {
      for (const name of names) {
        assert.equal(entryNameProblem(name), eachEntryNameProblem(name), JSON.stringify(name));
        compared++;
      }
      names = names.flatMap((n) => alphabet.map((c) => n + c));
    }
    assert.equal(compared, (8 ** 7 - 1) / 7);
    const long = 'x'.repeat(0x5556);
    assert.equal(entryNameProblem('é'.repeat(0x8000)), 'is longer than a zip entry name can be');
    assert.equal(entryNameProblem(long), null);
  });

  it('refuses duplicate entries, including an empty directory that is also a file parent path', () => {
    assert.throws(() => orderArchiveEntries([file('a.txt'), file('a.txt')], []), /appears twice/);
    assert.throws(() => orderArchiveEntries([], ['x', 'x']), /"x\/" .*appears twice/);
  });
});
