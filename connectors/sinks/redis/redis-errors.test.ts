import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ReplyError } from 'ioredis';
import { ErrorCodes, PlatformError } from '../../../core/errors/index.ts';
import { redisError, replyCode } from './redis-errors.ts';

const reply = (message: string): Error => new ReplyError(message) as Error;

describe('Redis errors', () => {
  it('retries what Redis says is temporary', () => {
    for (const message of [
      'LOADING Redis is loading the dataset in memory',
      'BUSY Redis is busy running a script. You can only call SCRIPT KILL or SHUTDOWN NOSAVE.',
      "READONLY You can't write against a read only replica.",
      "OOM command not allowed when used memory > 'maxmemory'.",
    ]) {
      const error = redisError(reply(message), 'testing');
      assert.equal(error.code, ErrorCodes.SERVICE_UNAVAILABLE, message);
      assert.equal(error.retriable, true);
      assert.equal(error.details.reply, message.split(' ')[0]);
    }
  });

  it('retries when there is no answer at all', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), { code: 'ECONNREFUSED' });
    for (const cause of [
      refused,
      new Error('Command timed out'),
      new Error('Connection is closed.'),
      'odd',
    ]) {
      const error = redisError(cause, 'applying item views');
      assert.equal(error.code, ErrorCodes.SERVICE_UNAVAILABLE);
      assert.equal(error.retriable, true);
      assert.equal(error.cause, cause);
      assert.match(error.message, /^Redis unavailable while applying item views: /u);
    }
  });

  it('rejects for good what Redis refuses for good', () => {
    const error = redisError(
      reply(
        'WRONGTYPE Operation against a key holding the wrong kind of value script: 1a2b, on @user_script:30.',
      ),
      'applying comments',
    );
    assert.equal(error.code, ErrorCodes.WRITE_REJECTED);
    assert.equal(error.retriable, false);
    assert.equal(error.details.reply, 'WRONGTYPE');
  });

  it('passes PlatformErrors through and reads reply codes only from replies', () => {
    const platform = new PlatformError(ErrorCodes.VALIDATION_FAILED, 'x');
    assert.equal(redisError(platform, 'x'), platform);
    assert.equal(replyCode(new Error('BUSY lookalike')), undefined);
    assert.equal(replyCode(reply('ERR unknown command')), 'ERR');
  });
});
