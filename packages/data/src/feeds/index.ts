export { newFeedStats, countProblem, feedSummary, type Quote, type FeedProblem, type FeedStats } from './types.js';
export { TickGate, type TickGateOptions } from './tickGate.js';
export { TickRecorder } from './tickRecorder.js';
export { oandaInstrument, oandaTime, parseOandaLine, parseOandaCandles, type OandaMessage, type OandaCandle } from './oandaMessages.js';
export { OandaFeed, OANDA_TOKEN_ENV, type OandaFeedOptions } from './oandaFeed.js';
export { LiveMatrix, type LiveMatrixOptions, type MatrixUpdate } from './liveMatrix.js';
export { replayQuotes, replayBatches, type ReplaySeries, type ReplayOptions } from './replayFeed.js';
export { parsePushLine, ingestPushLines } from './pushInput.js';
