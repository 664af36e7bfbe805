/**
 * OpenSearch 2.19, the local search engine, assembled from Maven Central.
 *
 * Why not Elasticsearch 8 (which production runs, see docker-compose.yml): Maven Central has a
 * runnable Elasticsearch 8 home only as Elastic's integ-test-zip, whose sole module is the network
 * transport, and codelibs stopped republishing the modules there after 7.10. Without
 * analysis-common, lang-painless, reindex and mapper-extras there are no language analyzers, no
 * edge_ngram autocomplete, no scripts and no _reindex: not the engine a shop's search runs on.
 * OpenSearch publishes every module as a plain jar, so a complete node can be assembled here. The
 * platform talks to it with @opensearch-project/opensearch, which speaks to Elasticsearch 8 too.
 *
 * Assembly: the server home comes from org.opensearch.distribution.integ-test-zip (bin, config,
 * lib, transport-netty4); each other module becomes modules/<name>/ with its jars, the plugin
 * descriptor the distribution would carry, and the Java security policy from the OpenSearch sources.
 */
import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { httpOk } from '../health/probes.ts';
import { runCommand } from '../process/run-command.ts';
import { extractArchive } from '../provision/archive.ts';
import { exists } from '../provision/files.ts';
import { findJdk } from '../provision/java.ts';
import { fetchMavenArtifacts, type MavenArtifact } from '../provision/maven.ts';
import { ensureSystemUser, handOver } from '../provision/system-user.ts';
import type { ServiceDefinition, StackContext } from '../service.ts';

const VERSION = '2.19.6';
/** Bump when the assembly below changes, so cached homes are rebuilt. */
const ASSEMBLY = 1;
const OS_USER = 'opensearch';
const HEAP = '512m';

/** Third-party jars the modules need, at the versions the 2.19.6 module poms declare. */
const V = {
  asm: '9.7',
  antlr: '4.13.1',
  lucene: '9.12.3',
  mustache: '0.9.14',
  joni: '2.2.1',
  jcodings: '1.0.61',
  httpclient: '4.5.14',
  httpcore: '4.4.16',
  httpasyncclient: '4.1.5',
  codec: '1.18.0',
  logging: '1.2',
};

interface Module {
  name: string;
  classname: string;
  description: string;
  jars: string[];
  /** Plugins this one extends (their classes become visible to it). */
  extends?: string;
  /** Java security policy grants, from the module's plugin-security.policy in the OpenSearch sources. */
  policy?: string;
}

const ASM_JARS = ['asm', 'asm-util', 'asm-tree', 'asm-commons', 'asm-analysis'].map(
  (a) => `${a}-${V.asm}.jar`,
);
const REST_CLIENT_JARS = [
  `opensearch-rest-client-${VERSION}.jar`,
  `opensearch-ssl-config-${VERSION}.jar`,
  `httpclient-${V.httpclient}.jar`,
  `httpcore-${V.httpcore}.jar`,
  `httpasyncclient-${V.httpasyncclient}.jar`,
  `httpcore-nio-${V.httpcore}.jar`,
  `commons-codec-${V.codec}.jar`,
  `commons-logging-${V.logging}.jar`,
];

const MODULES: Module[] = [
  {
    name: 'lang-painless',
    classname: 'org.opensearch.painless.PainlessPlugin',
    description: 'An easy, safe and fast scripting language for OpenSearch',
    jars: [
      `lang-painless-${VERSION}.jar`,
      `opensearch-scripting-painless-spi-${VERSION}.jar`,
      `antlr4-runtime-${V.antlr}.jar`,
      ...ASM_JARS,
    ],
    policy: `grant {
  permission java.lang.RuntimePermission "createClassLoader";
  permission java.lang.RuntimePermission "getClassLoader";
};`,
  },
  {
    name: 'analysis-common',
    classname: 'org.opensearch.analysis.common.CommonAnalysisPlugin',
    description: 'Adds "built in" analyzers to OpenSearch.',
    extends: 'lang-painless',
    jars: [`analysis-common-${VERSION}.jar`],
  },
  {
    name: 'mapper-extras',
    classname: 'org.opensearch.index.mapper.MapperExtrasPlugin',
    description: 'Adds advanced field mappers',
    jars: [`mapper-extras-client-${VERSION}.jar`],
  },
  {
    name: 'reindex',
    classname: 'org.opensearch.index.reindex.ReindexPlugin',
    description:
      'The Reindex module adds APIs to reindex from one index to another or update documents in place.',
    jars: [`reindex-client-${VERSION}.jar`, ...REST_CLIENT_JARS],
    policy: `grant {
  permission java.net.SocketPermission "*", "connect";
};
grant codeBase "\${codebase.opensearch-rest-client}" {
  permission java.net.NetPermission "getProxySelector";
};
grant codeBase "\${codebase.httpasyncclient}" {
  permission java.net.NetPermission "getProxySelector";
};`,
  },
  {
    name: 'parent-join',
    classname: 'org.opensearch.join.ParentJoinPlugin',
    description: 'This module adds the support parent-child queries and aggregations',
    jars: [`parent-join-client-${VERSION}.jar`],
  },
  {
    name: 'aggs-matrix-stats',
    classname: 'org.opensearch.search.aggregations.matrix.MatrixAggregationPlugin',
    description: 'Adds aggregations whose input are a list of numeric fields and output includes a matrix.',
    jars: [`aggs-matrix-stats-client-${VERSION}.jar`],
  },
  {
    name: 'percolator',
    classname: 'org.opensearch.percolator.PercolatorPlugin',
    description:
      'Percolator module adds capability to index queries and query these queries by specifying documents',
    jars: [`percolator-client-${VERSION}.jar`],
  },
  {
    name: 'rank-eval',
    classname: 'org.opensearch.index.rankeval.RankEvalPlugin',
    description: 'The Rank Eval module adds APIs to evaluate ranking quality.',
    jars: [`rank-eval-client-${VERSION}.jar`],
  },
  {
    name: 'geo',
    classname: 'org.opensearch.geo.GeoModulePlugin',
    description: 'Plugin for geospatial features in OpenSearch.',
    jars: [`geo-${VERSION}.jar`],
  },
  {
    name: 'lang-mustache',
    classname: 'org.opensearch.script.mustache.MustachePlugin',
    description: 'Mustache scripting integration for OpenSearch',
    jars: [`lang-mustache-client-${VERSION}.jar`, `compiler-${V.mustache}.jar`],
    policy: `grant {
  permission java.lang.RuntimePermission "accessDeclaredMembers";
};`,
  },
  {
    name: 'lang-expression',
    classname: 'org.opensearch.script.expression.ExpressionPlugin',
    description: 'Lucene expressions integration for OpenSearch',
    jars: [
      `lang-expression-${VERSION}.jar`,
      `lucene-expressions-${V.lucene}.jar`,
      `antlr4-runtime-${V.antlr}.jar`,
      `asm-${V.asm}.jar`,
      `asm-commons-${V.asm}.jar`,
      `asm-tree-${V.asm}.jar`,
    ],
    // The last grant is not in the 2.19 sources: Lucene 9 moved haversin() into ExpressionMath,
    // and without it every expression script fails to compile.
    policy: `grant {
  permission java.lang.RuntimePermission "createClassLoader";
  permission org.opensearch.script.ClassPermission "java.lang.String";
  permission org.opensearch.script.ClassPermission "org.apache.lucene.expressions.Expression";
  permission org.opensearch.script.ClassPermission "org.apache.lucene.search.DoubleValues";
  permission org.opensearch.script.ClassPermission "java.lang.Math";
  permission org.opensearch.script.ClassPermission "org.apache.lucene.util.MathUtil";
  permission org.opensearch.script.ClassPermission "org.apache.lucene.util.SloppyMath";
  permission org.opensearch.script.ClassPermission "org.apache.lucene.expressions.js.ExpressionMath";
};`,
  },
  {
    name: 'ingest-common',
    classname: 'org.opensearch.ingest.common.IngestCommonPlugin',
    description:
      'Module for ingest processors that do not require additional security permissions or have large dependencies and resources',
    extends: 'lang-painless',
    jars: [
      `ingest-common-${VERSION}.jar`,
      `opensearch-grok-${VERSION}.jar`,
      `opensearch-dissect-${VERSION}.jar`,
      `joni-${V.joni}.jar`,
      `jcodings-${V.jcodings}.jar`,
    ],
  },
  {
    name: 'ingest-user-agent',
    classname: 'org.opensearch.ingest.useragent.IngestUserAgentPlugin',
    description: 'Ingest processor that extracts information from a user agent',
    jars: [`ingest-user-agent-${VERSION}.jar`],
  },
  {
    name: 'search-pipeline-common',
    classname: 'org.opensearch.search.pipeline.common.SearchPipelineCommonModulePlugin',
    description:
      'Module for search pipeline processors that do not require additional security permissions or have large dependencies and resources',
    extends: 'lang-painless',
    jars: [`search-pipeline-common-${VERSION}.jar`],
  },
];

/** Every artifact, without transitive dependencies: the server's lib/ already holds the shared ones. */
function artifacts(): MavenArtifact[] {
  const plain = (groupId: string, artifactId: string, version: string, type?: string): MavenArtifact => ({
    groupId,
    artifactId,
    version,
    type,
    exclusions: ['*:*'],
  });
  return [
    plain('org.opensearch.distribution.integ-test-zip', 'opensearch', VERSION, 'zip'),
    ...[
      'aggs-matrix-stats-client',
      'analysis-common',
      'geo',
      'ingest-common',
      'ingest-user-agent',
      'lang-expression',
      'lang-mustache-client',
      'lang-painless',
      'opensearch-scripting-painless-spi',
      'mapper-extras-client',
      'parent-join-client',
      'percolator-client',
      'rank-eval-client',
      'reindex-client',
      'search-pipeline-common',
    ].map((a) => plain('org.opensearch.plugin', a, VERSION)),
    ...['opensearch-grok', 'opensearch-dissect', 'opensearch-ssl-config'].map((a) =>
      plain('org.opensearch', a, VERSION),
    ),
    plain('org.opensearch.client', 'opensearch-rest-client', VERSION),
    plain('org.antlr', 'antlr4-runtime', V.antlr),
    ...['asm', 'asm-analysis', 'asm-commons', 'asm-tree', 'asm-util'].map((a) =>
      plain('org.ow2.asm', a, V.asm),
    ),
    plain('org.apache.lucene', 'lucene-expressions', V.lucene),
    plain('com.github.spullara.mustache.java', 'compiler', V.mustache),
    plain('org.jruby.joni', 'joni', V.joni),
    plain('org.jruby.jcodings', 'jcodings', V.jcodings),
    plain('org.apache.httpcomponents', 'httpclient', V.httpclient),
    plain('org.apache.httpcomponents', 'httpcore', V.httpcore),
    plain('org.apache.httpcomponents', 'httpasyncclient', V.httpasyncclient),
    plain('org.apache.httpcomponents', 'httpcore-nio', V.httpcore),
    plain('commons-codec', 'commons-codec', V.codec),
    plain('commons-logging', 'commons-logging', V.logging),
  ];
}

function descriptor(module: Module): string {
  // The format of the descriptor the zip's own transport-netty4 module carries.
  return [
    `description=${module.description}`,
    `version=${VERSION}`,
    `name=${module.name}`,
    `classname=${module.classname}`,
    'java.version=11',
    `opensearch.version=${VERSION}`,
    'custom.foldername=',
    `extended.plugins=${module.extends ?? ''}`,
    'has.native.controller=false',
    '',
  ].join('\n');
}

const cachedHome = (ctx: StackContext) => join(ctx.cacheDir('opensearch'), `home-${VERSION}-${ASSEMBLY}`);
const dir = (ctx: StackContext, sub: 'home' | 'config' | 'data' | 'logs' | 'tmp') =>
  join(ctx.dataDir('opensearch'), sub);
const marker = `${VERSION}-${ASSEMBLY}`;

export const opensearch: ServiceDefinition = {
  name: 'opensearch',
  description: 'OpenSearch assembled from Maven Central (server zip + module jars)',
  recipe: `maven:org.opensearch:${VERSION}:assembly-${ASSEMBLY}`,

  async provision(ctx) {
    // OpenSearch 2.x needs the Java Security Manager, which JDK 24 removed: Java 17 to 23 only.
    const jdk = await findJdk('opensearch', 17);
    if (jdk.major >= 24)
      throw new Error(
        `OpenSearch ${VERSION} needs a JDK from 17 to 23 (the Security Manager); found ${jdk.major}`,
      );
    const downloads = join(ctx.cacheDir('opensearch'), `artifacts-${VERSION}`);
    await fetchMavenArtifacts(
      ctx,
      'opensearch',
      join(ctx.cacheDir('opensearch'), 'pom'),
      downloads,
      artifacts(),
    );

    const step = ctx.progress.step('opensearch', `assembling the server home with ${MODULES.length} modules`);
    const home = cachedHome(ctx);
    const unpacked = `${home}.unpacked`;
    await extractArchive(
      join(downloads, `opensearch-${VERSION}.zip`),
      unpacked,
      ctx.provisionLogFile('opensearch'),
    );
    await rm(home, { recursive: true, force: true });
    await cp(join(unpacked, `opensearch-${VERSION}`), home, { recursive: true });
    await rm(unpacked, { recursive: true, force: true });
    for (const module of MODULES) {
      const moduleDir = join(home, 'modules', module.name);
      await mkdir(moduleDir, { recursive: true });
      for (const jar of module.jars) await cp(join(downloads, jar), join(moduleDir, jar));
      await writeFile(join(moduleDir, 'plugin-descriptor.properties'), descriptor(module));
      if (module.policy) await writeFile(join(moduleDir, 'plugin-security.policy'), `${module.policy}\n`);
    }
    await writeFile(join(home, '.eshop-assembly'), marker);
    step.done();
    return {
      version: VERSION,
      route: `Maven Central org.opensearch.distribution.integ-test-zip:opensearch:${VERSION} + ${MODULES.length} org.opensearch.plugin modules, Java ${jdk.major}`,
      paths: { home, java: jdk.java, javaHome: jdk.home },
    };
  },

  async isProvisioned(ctx, provisioned) {
    return exists(join(cachedHome(ctx), '.eshop-assembly'), provisioned.paths.java!);
  },

  async prepare(ctx, provisioned) {
    const user = await ensureSystemUser(OS_USER);
    // The server runs as its own user, which cannot read root's cache: it gets a copy of the home.
    const home = dir(ctx, 'home');
    const current = await readFile(join(home, '.eshop-assembly'), 'utf8').catch(() => '');
    if (current !== marker) {
      await rm(home, { recursive: true, force: true });
      await cp(provisioned.paths.home!, home, { recursive: true });
    }
    for (const sub of ['config', 'data', 'logs', 'tmp'] as const)
      await mkdir(dir(ctx, sub), { recursive: true });
    const { ports } = ctx.config.stack;
    await writeFile(
      join(dir(ctx, 'config'), 'opensearch.yml'),
      `# Written by the eshop stack (stack/services/opensearch.ts) on every start.
cluster.name: eshop-local
node.name: eshop-local-1
path.data: ${dir(ctx, 'data')}
path.logs: ${dir(ctx, 'logs')}
network.host: ${ctx.host}
http.port: ${ports.search}
transport.port: ${ports.searchTransport}
discovery.type: single-node
bootstrap.memory_lock: false
# A laptop's disk is often fuller than the 85 % at which OpenSearch stops allocating shards.
cluster.routing.allocation.disk.threshold_enabled: false
action.destructive_requires_name: false
`,
    );
    // The distribution's jvm.options without the GC log and heap dump files, with a small heap and
    // no pre-touch (the launcher adds -XX:+AlwaysPreTouch; a later option wins).
    await writeFile(
      join(dir(ctx, 'config'), 'jvm.options'),
      `-Xms${HEAP}
-Xmx${HEAP}
-XX:-AlwaysPreTouch
11-:-XX:+UseG1GC
11-:-XX:G1ReservePercent=25
11-:-XX:InitiatingHeapOccupancyPercent=30
-Djava.io.tmpdir=\${OPENSEARCH_TMPDIR}
-XX:+ExitOnOutOfMemoryError
-XX:ErrorFile=${dir(ctx, 'logs')}/hs_err_pid%p.log
18-:-Djava.security.manager=allow
20-:--add-modules=jdk.incubator.vector
-Djava.util.concurrent.ForkJoinPool.common.threadFactory=org.opensearch.secure_sm.SecuredForkJoinWorkerThreadFactory
`,
    );
    await cp(join(home, 'config', 'log4j2.properties'), join(dir(ctx, 'config'), 'log4j2.properties'));
    await runCommand('chmod', ['-R', 'a+rX', home]);
    // The node writes its keystore into config/ on first start.
    await runCommand('chown', [
      '-R',
      `${user.uid}:${user.gid}`,
      dir(ctx, 'config'),
      dir(ctx, 'data'),
      dir(ctx, 'logs'),
      dir(ctx, 'tmp'),
    ]);
    await handOver(user, ctx.config.stack.home, [ctx.dataDir('opensearch'), dir(ctx, 'data')], (message) =>
      ctx.progress.info('opensearch', message),
    );
  },

  launch(ctx, provisioned) {
    const tmp = dir(ctx, 'tmp');
    return {
      // bin/opensearch checks the JDK, then execs the server JVM in its place: one process to supervise.
      command: join(dir(ctx, 'home'), 'bin', 'opensearch'),
      args: [],
      cwd: dir(ctx, 'home'),
      user: OS_USER,
      env: {
        OPENSEARCH_JAVA_HOME: provisioned.paths.javaHome!,
        OPENSEARCH_PATH_CONF: dir(ctx, 'config'),
        OPENSEARCH_TMPDIR: tmp,
        OPENSEARCH_JAVA_OPTS: '',
        HOME: tmp,
        JAVA_HOME: '',
        JAVA_TOOL_OPTIONS: '',
      },
    };
  },

  isHealthy(ctx) {
    const url = `http://${ctx.host}:${ctx.config.stack.ports.search}`;
    return httpOk(`${url}/_cluster/health?wait_for_status=yellow&timeout=1s`, (body) =>
      /"status":"(green|yellow)"/.test(body),
    );
  },

  url(ctx) {
    return `http://${ctx.host}:${ctx.config.stack.ports.search}`;
  },

  ports(ctx) {
    return [ctx.config.stack.ports.search, ctx.config.stack.ports.searchTransport];
  },
};
