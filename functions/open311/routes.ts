// The Open311 function's routes: GeoReport v2 for other systems (docs/open311.md).
import { listRequests, oneRequest, postRequest, requestUpdates, token } from './requests.ts';
import { discovery, serviceDefinitionRoute, serviceList } from './services.ts';

export const open311Routes = [
  ...discovery,
  ...serviceList,
  serviceDefinitionRoute,
  ...postRequest,
  ...listRequests,
  oneRequest,
  token,
  ...requestUpdates,
];
