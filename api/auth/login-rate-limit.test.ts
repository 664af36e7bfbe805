import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, it } from 'node:test';
import { addressBucket, blockedFor, loginSubjects } from './login-rate-limit.ts';

describe('login rate limit: what is counted', () => {
  it('counts IPv4 addresses as they are, unwrapping IPv4-mapped IPv6', () => {
    assert.equal(addressBucket('203.0.113.7'), '203.0.113.7');
    assert.equal(addressBucket('::ffff:203.0.113.7'), '203.0.113.7');
    assert.equal(addressBucket('::FFFF:127.0.0.1'), '127.0.0.1');
  });

  it('counts IPv6 addresses by their /64, however they are written', () => {
    const bucket = '2001:db8:85a3:8d3::/64';
    for (const address of [
      '2001:db8:85a3:8d3:1319:8a2e:370:7348',
      '2001:0DB8:85a3:08d3::1',
      '2001:db8:85a3:8d3:ffff::',
      '2001:db8:85a3:8d3::2%eth0',
    ]) {
      assert.equal(addressBucket(address), bucket, address);
    }
    assert.equal(addressBucket('::1'), '0:0:0:0::/64');
    assert.equal(addressBucket('2001:db8::'), '2001:db8:0:0::/64');
    // An embedded IPv4 tail stands for two groups.
    assert.equal(addressBucket('1:2:3::4:5.6.7.8'), '1:2:3:0::/64');
    assert.equal(addressBucket('1::2:3:4:5:6.7.8.9'), '1:0:2:3::/64');
  });

  it('names an address it cannot read "unknown" rather than failing', () => {
    assert.equal(addressBucket(undefined), 'unknown');
    assert.equal(addressBucket(''), 'unknown');
  });

  it('keys an account by a hash of its e-mail, under the prefix', () => {
    const subjects = loginSubjects('t1:', 'ann@shop.example', '::ffff:10.0.0.1');
    const hash = createHash('sha256').update('ann@shop.example').digest('hex').slice(0, 32);
    assert.deepEqual(subjects, {
      account: `t1:auth:login-failures:account:${hash}`,
      address: 't1:auth:login-failures:address:10.0.0.1',
    });
    assert.doesNotMatch(subjects.account, /ann/);
  });
});

describe('login rate limit: when a login is blocked', () => {
  it('blocks while either counter is full, for the longer remaining window', () => {
    assert.equal(blockedFor([0, -2, 0, -2], 3), 0);
    assert.equal(blockedFor([2, 5_000, 2, 9_000], 3), 0);
    assert.equal(blockedFor([3, 5_000, 0, -2], 3), 5_000);
    assert.equal(blockedFor([1, 5_000, 7, 9_000], 3), 9_000);
    assert.equal(blockedFor([3, 5_000, 4, 9_000], 3), 9_000);
  });

  it('blocks for a second when a full counter has somehow no expiry', () => {
    assert.equal(blockedFor([3, -1, 0, -2], 3), 1000);
  });
});
