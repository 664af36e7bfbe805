import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { imageTypeOf } from './image-types.ts';

const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0, 1]);
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
const webp = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x24, 0, 0, 0]), Buffer.from('WEBPVP8 ')]);
const gif = Buffer.from('GIF89a\u0001\u0000\u0001\u0000', 'latin1');

describe('image types', () => {
  it('accepts JPEG, PNG and WebP by Content-Type, ignoring case and parameters', () => {
    assert.equal(imageTypeOf('image/jpeg')?.extension, 'jpg');
    assert.equal(imageTypeOf('Image/PNG; charset=binary')?.extension, 'png');
    assert.equal(imageTypeOf(' image/webp ')?.extension, 'webp');
  });

  it('refuses every other type, and none', () => {
    for (const type of [
      'image/gif',
      'image/svg+xml',
      'application/json',
      'image/jpg',
      'text/plain',
      '',
      undefined,
    ]) {
      assert.equal(imageTypeOf(type), undefined, String(type));
    }
  });

  it('recognises each format by its magic bytes and no other', () => {
    const bodies = { 'image/jpeg': jpeg, 'image/png': png, 'image/webp': webp };
    for (const type of Object.keys(bodies)) {
      for (const [other, otherBody] of Object.entries(bodies)) {
        assert.equal(imageTypeOf(type)!.matches(otherBody), type === other, `${type} vs ${other}`);
      }
      assert.equal(imageTypeOf(type)!.matches(gif), false);
      assert.equal(imageTypeOf(type)!.matches(Buffer.alloc(0)), false);
    }
  });

  it('refuses a truncated signature and a RIFF container of another form', () => {
    assert.equal(imageTypeOf('image/png')!.matches(png.subarray(0, 7)), false);
    assert.equal(imageTypeOf('image/jpeg')!.matches(jpeg.subarray(0, 2)), false);
    const wave = Buffer.concat([Buffer.from('RIFF'), Buffer.from([0x24, 0, 0, 0]), Buffer.from('WAVEfmt ')]);
    assert.equal(imageTypeOf('image/webp')!.matches(wave), false);
  });
});
