/** The Kafka sink of a load run: each batch goes through the typed EventProducer, keyed by entity id. */
import type { EventProducer } from '../core/events/producer.ts';
import type { EventSink, TopicBatch } from './runner.ts';

export function producerSink(producer: EventProducer): EventSink {
  return {
    send: function sendBatch(batch: TopicBatch): Promise<void> {
      // One case per topic, so each batch is checked against its own topic's value type.
      switch (batch.topic) {
        case 'sellers':
          return producer.send('sellers', batch.records);
        case 'items':
          return producer.send('items', batch.records);
        case 'comments':
          return producer.send('comments', batch.records);
        case 'activity':
          return producer.send('activity', batch.records);
      }
    },
  };
}
