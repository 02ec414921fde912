import type { RancherManagement } from './management.js';
import { collection, jsonAnswer, notFound, type ApiAnswer } from './norman.js';
import { filtered, methodNotAllowed, type RancherRequest } from './request.js';
import { settingView } from './views.js';

/**
 * GET /v3/settings[/<name>]: management.cattle.io settings (`server-version`, `cacerts`,
 * `server-url`, …) as norman shows them. Read-only here; whether some are readable without
 * a login is (unverified), so the lab asks for one.
 */
export function settingsApi(
  m: RancherManagement,
  req: RancherRequest,
  id: string | undefined,
): ApiAnswer {
  if (req.method !== 'GET') return methodNotAllowed(req.method);
  const base = req.origin;
  const key = 'management.cattle.io/settings';
  if (id !== undefined) {
    const s = m.store.get(key, undefined, id);
    if (!s) return notFound(`settings.management.cattle.io "${id}" not found`);
    return jsonAnswer(200, settingView(s, base));
  }
  const views = m.store.list(key).map((s) => settingView(s, base));
  const { data, filters } = filtered(views, req.query);
  return collection(base, 'setting', '/v3/settings', data, filters);
}
