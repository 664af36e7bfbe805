/** The storefront REST API. */
export { API_VERSION, createApp, type AppOptions } from './app.ts';
export { closeApiDependencies, openApiDependencies, type ApiDependencies } from './dependencies.ts';
export { runApi, startApi, type RunningApi } from './server.ts';
export type { ApiEnv, AuthUser, Role } from './http/env.ts';
