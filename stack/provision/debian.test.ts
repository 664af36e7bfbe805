import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { debianUpstreamVersion } from './debian.ts';

describe('debianUpstreamVersion', () => {
  it('drops the epoch and the Debian revision', () => {
    assert.equal(debianUpstreamVersion('5:7.0.15-1~deb12u10'), '7.0.15');
    assert.equal(debianUpstreamVersion('18.16.1+ds-7.3+b2'), '18.16.1');
    assert.equal(debianUpstreamVersion('2.42.0+ds-5+deb12u1'), '2.42.0');
    assert.equal(debianUpstreamVersion('15+248+deb12u1'), '15');
  });
});
