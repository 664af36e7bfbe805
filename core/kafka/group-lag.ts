/**
 * A consumer group's committed position against the ends of its topics: how far it is behind (the
 * number tests and benchmarks wait on to know a processor or sink has caught up), and moving a new
 * group to the ends so it sees only what is written from now on.
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

/** Commits the current ends of `topicNames` for `groupId` (a group with no member running). */
export async function moveGroupToEnd(
  admin: Admin,
  groupId: string,
  topicNames: readonly string[],
): Promise<void> {
  for (const topic of topicNames) {
    const offsets = await admin.fetchTopicOffsets(topic);
    await admin.setOffsets({
      groupId,
      topic,
      partitions: offsets.map((o) => ({ partition: o.partition, offset: o.high })),
    });
  }
}
