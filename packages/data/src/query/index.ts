export { NeedData, type MarketNeed } from './needData.js';
export { QueryMarket, type QueryMarketData } from './queryMarket.js';
export { answer, fulfil, type MarketQuery } from './marketQuery.js';
export { StoreQuery, marketData } from './storeQuery.js';
export { marketOf, type MarketParts } from './marketOf.js';
export { momentsSql, MOMENTS_COLUMNS, type MomentsDialect, type MomentsSqlOptions } from './momentsSql.js';
export { coMomentsOfRows, type WindowMoments } from './coMomentsOfRows.js';
export { frameMomentsSql, FRAME_MOMENTS_COLUMNS, type FrameSpec } from './frameMomentsSql.js';
export { frameMomentsOfColumns, momentsKey, type FrameMoments, type MomentsRequest } from './frameMoments.js';
