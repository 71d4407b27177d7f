export type { Alert, AlertRule } from './types.js';
export { AlertEngine } from './alertEngine.js';
export { AlertLog } from './alertLog.js';
export { deliverWebhook, webhookUrl } from './webhook.js';
