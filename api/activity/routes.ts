/** The activity (beacon) endpoint. (Being built: see issue 5.) */
import type { ApiDependencies } from '../dependencies.ts';
import { newRouter } from '../http/env.ts';
import type { ApiMetrics } from '../http/request-metrics.ts';

export function activityRoutes(deps: ApiDependencies, metrics: ApiMetrics) {
  void deps;
  void metrics;
  return newRouter();
}
