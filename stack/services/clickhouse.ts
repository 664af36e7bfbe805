/**
 * ClickHouse from Debian's clickhouse-server package (18.16 on Debian 12): the analytics store.
 * Production runs a current ClickHouse, so the platform's SQL is written to run on both.
 *
 * The package's own config lives in /etc and assumes systemd; the stack writes a config of its
 * own into the data directory instead and runs the server in the foreground.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { httpOk } from '../health/probes.ts';
import { fromDebianPackages } from '../provision/debian.ts';
import type { ServiceDefinition, StackContext } from '../service.ts';

/** Caches sized for a laptop: the defaults (5 GiB mark cache) are for dedicated servers. */
const CACHE_BYTES = 64 * 1024 * 1024;

function configXml(ctx: StackContext): string {
  const dir = ctx.dataDir('clickhouse');
  const p = ctx.config.stack.ports;
  // No interserver_http_port: a single server needs no replication listener.
  return `<?xml version="1.0"?>
<!-- Written by the eshop stack (stack/services/clickhouse.ts) on every start. -->
<yandex>
    <logger>
        <level>information</level>
        <log>${dir}/log/clickhouse-server.log</log>
        <errorlog>${dir}/log/clickhouse-server.err.log</errorlog>
        <size>100M</size>
        <count>3</count>
        <console>1</console>
    </logger>
    <listen_host>${ctx.host}</listen_host>
    <http_port>${p.clickhouseHttp}</http_port>
    <tcp_port>${p.clickhouseNative}</tcp_port>
    <max_connections>256</max_connections>
    <keep_alive_timeout>3</keep_alive_timeout>
    <max_concurrent_queries>50</max_concurrent_queries>
    <uncompressed_cache_size>${CACHE_BYTES}</uncompressed_cache_size>
    <mark_cache_size>${CACHE_BYTES}</mark_cache_size>
    <path>${dir}/data/</path>
    <tmp_path>${dir}/tmp/</tmp_path>
    <user_files_path>${dir}/user_files/</user_files_path>
    <format_schema_path>${dir}/format_schemas/</format_schema_path>
    <users_config>users.xml</users_config>
    <default_profile>default</default_profile>
    <default_database>default</default_database>
    <timezone>UTC</timezone>
    <mlock_executable>false</mlock_executable>
    <max_session_timeout>3600</max_session_timeout>
    <default_session_timeout>60</default_session_timeout>
    <query_log>
        <database>system</database>
        <table>query_log</table>
        <partition_by>toYYYYMM(event_date)</partition_by>
        <flush_interval_milliseconds>7500</flush_interval_milliseconds>
    </query_log>
    <max_table_size_to_drop>0</max_table_size_to_drop>
    <max_partition_size_to_drop>0</max_partition_size_to_drop>
</yandex>
`;
}

function usersXml(ctx: StackContext): string {
  const { username, password } = ctx.config.clickhouse;
  return `<?xml version="1.0"?>
<!-- Written by the eshop stack. One user from CLICKHOUSE_USER / CLICKHOUSE_PASSWORD, loopback only. -->
<yandex>
    <profiles>
        <default>
            <max_memory_usage>2000000000</max_memory_usage>
            <use_uncompressed_cache>0</use_uncompressed_cache>
            <load_balancing>random</load_balancing>
            <background_pool_size>4</background_pool_size>
        </default>
        <readonly>
            <readonly>1</readonly>
        </readonly>
    </profiles>
    <users>
        <${username}>
            <password>${escapeXml(password)}</password>
            <networks>
                <ip>127.0.0.1</ip>
                <ip>::1</ip>
            </networks>
            <profile>default</profile>
            <quota>default</quota>
        </${username}>
    </users>
    <quotas>
        <default>
            <interval>
                <duration>3600</duration>
                <queries>0</queries>
                <errors>0</errors>
                <result_rows>0</result_rows>
                <read_rows>0</read_rows>
                <execution_time>0</execution_time>
            </interval>
        </default>
    </quotas>
</yandex>
`;
}

function escapeXml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export const clickhouse: ServiceDefinition = {
  name: 'clickhouse',
  description: "ClickHouse from Debian's clickhouse-server package",
  recipe: 'debian:clickhouse-server:2',

  // This server has no --version flag; the package version is the server's (SELECT version() agrees).
  ...fromDebianPackages('clickhouse', ['clickhouse-server', 'clickhouse-client']),

  async prepare(ctx) {
    const dir = ctx.dataDir('clickhouse');
    for (const sub of ['etc', 'data', 'tmp', 'user_files', 'format_schemas', 'log']) {
      await mkdir(join(dir, sub), { recursive: true });
    }
    await writeFile(join(dir, 'etc', 'config.xml'), configXml(ctx));
    await writeFile(join(dir, 'etc', 'users.xml'), usersXml(ctx));
  },

  launch(ctx) {
    const dir = ctx.dataDir('clickhouse');
    // 18.16 runs as root without complaint; the data directory is the stack's own.
    return {
      command: '/usr/sbin/clickhouse-server',
      args: [`--config-file=${join(dir, 'etc', 'config.xml')}`],
      cwd: dir,
    };
  },

  isHealthy(ctx) {
    return httpOk(
      `http://${ctx.host}:${ctx.config.stack.ports.clickhouseHttp}/ping`,
      (body) => body.trim() === 'Ok.',
    );
  },

  async afterStart(ctx) {
    const { url, username, password, database } = ctx.config.clickhouse;
    const response = await fetch(`${url}/?user=${encodeURIComponent(username)}`, {
      method: 'POST',
      headers: { 'X-ClickHouse-Key': password },
      body: `CREATE DATABASE IF NOT EXISTS ${database}`,
    });
    if (!response.ok) throw new Error(`creating database ${database}: ${await response.text()}`);
  },

  url(ctx) {
    return `http://${ctx.host}:${ctx.config.stack.ports.clickhouseHttp}`;
  },

  ports(ctx) {
    return [ctx.config.stack.ports.clickhouseHttp, ctx.config.stack.ports.clickhouseNative];
  },
};
