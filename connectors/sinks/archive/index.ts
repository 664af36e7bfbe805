/**
 * The S3 archive of the raw topics: the sink that writes it, the reader and the replay that bring
 * it back. Layout and file format: object-key.ts, envelope.ts, container.ts.
 */
export { archivedTopics, createArchiveSink, type ArchiveSinkOptions } from './archive-sink.ts';
export { decodeContainer, encodeContainer, readContainerMetadata } from './container.ts';
export {
  archiveMetadata,
  envelopeSchema,
  schemaLabel,
  type Envelope,
  type EnvelopeSchema,
} from './envelope.ts';
export { groupIntoFiles, type FileGroup } from './grouping.ts';
export { hourOf, objectKey, parseObjectKey, type ArchiveObjectId } from './object-key.ts';
export {
  listArchiveObjects,
  readArchive,
  readArchiveObjects,
  statArchiveObject,
  type ArchivedRecord,
  type ArchiveFileInfo,
  type ArchiveObject,
  type ReadProgress,
  type TimeRange,
} from './reader.ts';
export { replayArchive, type ReplayOptions, type ReplayProgress, type ReplayResult } from './replay.ts';
export { createS3Client, ensureBucket, s3Failure, type S3ClientOptions } from './s3-client.ts';
