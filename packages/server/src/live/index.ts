export { EventCoalescer } from './eventCoalescer.js';
export { LiveService } from './liveService.js';
export { LIVE_ROUTES, MAX_TICK_BODY } from './liveRoutes.js';
export { attachTickSocket, type TickSocketOptions } from './tickSocket.js';
export { openLive, DEFAULT_RULES, type OpenLiveOptions } from './openLive.js';
