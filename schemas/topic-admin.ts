/**
 * Makes the broker's topics match schemas/topics.ts: creates the missing ones and reports those
 * whose partition count differs (partitions can grow but never shrink, so that is left to a person).
 */
import type { Kafka } from 'kafkajs';
import { allTopics, topicConfig, type TopicDeclaration } from './topics.ts';

export interface TopicResult {
  topic: string;
  action: 'created' | 'exists' | 'partitions differ';
  partitions: number;
}

export async function createTopics(
  kafka: Kafka,
  declarations: readonly TopicDeclaration[] = allTopics,
): Promise<TopicResult[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = declarations.filter((t) => !existing.has(t.name));
    if (missing.length > 0) {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((t) => ({
          topic: t.name,
          numPartitions: t.partitions,
          replicationFactor: -1, // the broker's default: 1 locally, 3 in production
          configEntries: topicConfig(t),
        })),
      });
    }
    const metadata = await admin.fetchTopicMetadata({ topics: declarations.map((t) => t.name) });
    const partitions = new Map(metadata.topics.map((t) => [t.name, t.partitions.length]));
    return declarations.map((t) => {
      const actual = partitions.get(t.name) ?? 0;
      const action = missing.includes(t)
        ? 'created'
        : actual === t.partitions
          ? 'exists'
          : 'partitions differ';
      return { topic: t.name, action, partitions: actual };
    });
  } finally {
    await admin.disconnect();
  }
}
