/**
 * Apache Kafka, a single KRaft node (broker and controller in one process), from the broker jars
 * on Maven Central. There is no tarball here, so the stack resolves kafka_2.13 and its runtime
 * closure with Maven and starts the broker's main class (kafka.Kafka) itself, as bin/kafka-server-start.sh would.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tcpProbe } from '../health/probes.ts';
import { runCommand } from '../process/run-command.ts';
import { exists } from '../provision/files.ts';
import { findJdk } from '../provision/java.ts';
import { fetchMavenArtifacts } from '../provision/maven.ts';
import type { ServiceDefinition, StackContext } from '../service.ts';

export const KAFKA_VERSION = '4.4.0';
const LOG4J_VERSION = '2.24.3';

function libDir(ctx: StackContext): string {
  return join(ctx.cacheDir('kafka'), KAFKA_VERSION, 'libs');
}

function configDir(ctx: StackContext): string {
  return join(ctx.dataDir('kafka'), 'config');
}

function serverProperties(ctx: StackContext): string {
  const { ports } = ctx.config.stack;
  const host = ctx.host;
  return `# Written by the eshop stack (stack/services/kafka.ts) on every start.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@${host}:${ports.kafkaController}
listeners=PLAINTEXT://${host}:${ports.kafka},CONTROLLER://${host}:${ports.kafkaController}
advertised.listeners=PLAINTEXT://${host}:${ports.kafka}
inter.broker.listener.name=PLAINTEXT
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=${join(ctx.dataDir('kafka'), 'log')}
num.partitions=1
default.replication.factor=1
min.insync.replicas=1
# Topics are declared and created by the platform; a typo must fail, not create a topic.
auto.create.topics.enable=false
# One node: the internal topics cannot have more replicas than brokers.
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
# Tests join and leave groups constantly; waiting 3 s for more members would only slow them.
group.initial.rebalance.delay.ms=0
# A footprint for a laptop.
num.network.threads=2
num.io.threads=4
num.recovery.threads.per.data.dir=1
log.cleaner.threads=1
log.cleaner.dedupe.buffer.size=16777216
log.segment.bytes=67108864
log.retention.hours=168
`;
}

const LOG4J2 = `# Broker logging: Kafka 4 uses log4j2. Console only; the stack keeps stdout in logs/kafka.log.
name = kafka
appender.stdout.type = Console
appender.stdout.name = STDOUT
appender.stdout.layout.type = PatternLayout
appender.stdout.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = INFO
rootLogger.appenderRef.stdout.ref = STDOUT
logger.request.name = kafka.request.logger
logger.request.level = WARN
logger.requestchannel.name = kafka.network.RequestChannel$
logger.requestchannel.level = WARN
logger.statechange.name = state.change.logger
logger.statechange.level = WARN
`;

const TOOLS_LOG4J2 = `name = kafka-tools
appender.stderr.type = Console
appender.stderr.name = STDERR
appender.stderr.target = SYSTEM_ERR
appender.stderr.layout.type = PatternLayout
appender.stderr.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = WARN
rootLogger.appenderRef.stderr.ref = STDERR
`;

/**
 * A Metadata v4 request for all topics (v0-v3 are gone since Kafka 4): the broker is ready when the
 * response lists at least one broker. Frame: size | api_key=3 | api_version=4 | correlation_id=7 |
 * client_id="hc" | topics=null | allow_auto_topic_creation=false.
 */
const METADATA_REQUEST = Buffer.from([
  0, 0, 0, 17, 0, 3, 0, 4, 0, 0, 0, 7, 0, 2, 0x68, 0x63, 0xff, 0xff, 0xff, 0xff, 0,
]);

function metadataListsBroker(reply: Buffer): boolean {
  // size(4) correlation_id(4) throttle_time_ms(4) brokers array length(4)
  return reply.length >= 16 && reply.readInt32BE(4) === 7 && reply.readInt32BE(12) >= 1;
}

export const kafka: ServiceDefinition = {
  name: 'kafka',
  description: 'Apache Kafka (KRaft) from the Maven Central jars',
  recipe: `maven:org.apache.kafka:kafka_2.13:${KAFKA_VERSION}:log4j-${LOG4J_VERSION}:1`,

  async provision(ctx) {
    const jdk = await findJdk('kafka', 17);
    const jars = await fetchMavenArtifacts(
      ctx,
      'kafka',
      join(ctx.cacheDir('kafka'), KAFKA_VERSION),
      libDir(ctx),
      [
        { groupId: 'org.apache.kafka', artifactId: 'kafka_2.13', version: KAFKA_VERSION },
        // The CLI tools (topics, consumer groups, storage format helpers); Connect is not needed.
        {
          groupId: 'org.apache.kafka',
          artifactId: 'kafka-tools',
          version: KAFKA_VERSION,
          exclusions: ['org.apache.kafka:connect-runtime'],
        },
        // The published poms carry only slf4j-api: the distribution adds the logging backend itself.
        { groupId: 'org.apache.logging.log4j', artifactId: 'log4j-core', version: LOG4J_VERSION },
        { groupId: 'org.apache.logging.log4j', artifactId: 'log4j-slf4j-impl', version: LOG4J_VERSION },
      ],
    );
    if (!jars.includes(`kafka_2.13-${KAFKA_VERSION}.jar`))
      throw new Error(`kafka_2.13-${KAFKA_VERSION}.jar was not downloaded`);
    return {
      version: KAFKA_VERSION,
      route: `Maven Central org.apache.kafka:kafka_2.13:${KAFKA_VERSION} (${jars.length} jars)`,
      paths: { libs: libDir(ctx), java: jdk.java },
    };
  },

  async isProvisioned(ctx, provisioned) {
    return exists(join(libDir(ctx), `kafka_2.13-${KAFKA_VERSION}.jar`), provisioned.paths.java!);
  },

  async prepare(ctx, provisioned) {
    const config = configDir(ctx);
    await mkdir(config, { recursive: true });
    await writeFile(join(config, 'server.properties'), serverProperties(ctx));
    await writeFile(join(config, 'log4j2.properties'), LOG4J2);
    await writeFile(join(config, 'tools-log4j2.properties'), TOOLS_LOG4J2);
    if (await exists(join(ctx.dataDir('kafka'), 'log', 'meta.properties'))) return;
    // KRaft needs its log directory formatted with a cluster id once, before the first start.
    const clusterId = randomBytes(16).toString('base64url');
    const step = ctx.progress.step('kafka', `formatting storage (cluster id ${clusterId})`);
    await runCommand(
      provisioned.paths.java!,
      [
        '-Xmx256m',
        '-XX:+UseSerialGC',
        '-XX:TieredStopAtLevel=1',
        `-Dlog4j2.configurationFile=${join(config, 'tools-log4j2.properties')}`,
        '-cp',
        `${provisioned.paths.libs}/*`,
        'kafka.tools.StorageTool',
        'format',
        '--ignore-formatted',
        // Joined with "=": a base64url id may start with "-" and would be taken for an option.
        `--cluster-id=${clusterId}`,
        '-c',
        join(config, 'server.properties'),
      ],
      { step, logFile: ctx.provisionLogFile('kafka'), service: 'kafka' },
    );
    step.done();
  },

  launch(ctx, provisioned) {
    const config = configDir(ctx);
    return {
      command: provisioned.paths.java!,
      args: [
        '-Xms256m',
        '-Xmx512m',
        '-server',
        '-XX:+UseG1GC',
        '-XX:MaxGCPauseMillis=20',
        '-XX:InitiatingHeapOccupancyPercent=35',
        '-XX:+ExplicitGCInvokesConcurrent',
        '-Djava.awt.headless=true',
        `-Dkafka.logs.dir=${join(ctx.dataDir('kafka'), 'logs')}`,
        `-Dlog4j2.configurationFile=${join(config, 'log4j2.properties')}`,
        '-cp',
        `${provisioned.paths.libs}/*`,
        'kafka.Kafka',
        join(config, 'server.properties'),
      ],
      cwd: ctx.dataDir('kafka'),
    };
  },

  isHealthy(ctx) {
    return tcpProbe(ctx.host, ctx.config.stack.ports.kafka, METADATA_REQUEST, metadataListsBroker);
  },

  url(ctx) {
    return `${ctx.host}:${ctx.config.stack.ports.kafka}`;
  },

  ports(ctx) {
    return [ctx.config.stack.ports.kafka, ctx.config.stack.ports.kafkaController];
  },
};
