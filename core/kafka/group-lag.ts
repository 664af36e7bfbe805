/**
 * How far a consumer group is from the end of its topics, by its committed offsets: the number
 * tests and benchmarks wait on to know a processor or sink has caught up.
 */
import type { Admin } from 'kafkajs';

/** Messages (and transaction markers) between the group's committed offsets and the ends of `topicNames`. */
export async function groupLag(
  admin: Admin,
  groupId: string,
  topicNames: readonly string[],
): Promise<number> {
  let behind = 0;
  for (const topic of topicNames) {
    const ends = await admin.fetchTopicOffsets(topic);
    const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
    for (const end of ends) {
      const at = committed?.partitions.find((p) => p.partition === end.partition)?.offset ?? '-1';
      behind += Math.max(0, Number(end.high) - Math.max(0, Number(at)));
    }
  }
  return behind;
}
