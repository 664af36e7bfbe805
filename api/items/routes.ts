/** The items endpoints. (Being built: see issue 5.) */
import type { ApiDependencies } from '../dependencies.ts';
import { newRouter } from '../http/env.ts';

export function itemRoutes(deps: ApiDependencies) {
  void deps;
  return newRouter();
}
