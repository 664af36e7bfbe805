/**
 * A minimal processor for testing the runtime itself, independent of the real processors: copies
 * valid ItemChanged events to its output and rejects those with a non-positive price.
 *
 * Run as a child process (for crash tests): `node --import tsx tests/support/copy-processor.ts`
 * with COPY_INPUT, COPY_OUTPUT and COPY_NAME in the environment.
 */
import { loadConfig } from '../../core/config/index.ts';
import { ErrorCodes } from '../../core/errors/index.ts';
import type { TopicDeclaration } from '../../schemas/topics.ts';
import type { ItemChanged } from '../../schemas/types.generated.ts';
import { emit, reject, type Processor } from '../../streams/runtime/processor.ts';
import { StreamRunner } from '../../streams/runtime/stream-runner.ts';

export function copyProcessor(
  name: string,
  input: TopicDeclaration,
  output: TopicDeclaration,
): Processor<ItemChanged, ItemChanged> {
  return {
    name,
    inputs: [input],
    outputs: [output],
    process(event) {
      if (event.item.price.amountMinor <= 0) {
        return reject(
          ErrorCodes.VALIDATION_FAILED,
          `price must be positive, got ${event.item.price.amountMinor}`,
        );
      }
      return emit({ topic: output, key: event.item.id, value: event });
    },
  };
}

function topicFromEnv(variable: string): TopicDeclaration {
  const name = process.env[variable];
  if (!name) throw new Error(`${variable} is not set`);
  return { name, schema: 'item-changed', partitions: 1, cleanupPolicy: 'delete', doc: 'test' };
}

if (process.argv[1]?.endsWith('copy-processor.ts')) {
  const runner = new StreamRunner(
    copyProcessor(
      process.env.COPY_NAME ?? 'copy-test',
      topicFromEnv('COPY_INPUT'),
      topicFromEnv('COPY_OUTPUT'),
    ),
    loadConfig(),
  );
  await runner.start();
  console.log('READY');
  const stop = () => void runner.stop().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
