// Shapes of the API's JSON bodies: the response schemas the server publishes
// in /api/openapi.json, declared once in @soukan/requests (types only: no
// schema code reaches the page's bundle).
import type {
  apiErrorResponse,
  barsResponse,
  correlationPairResponse,
  correlationResponse,
  correlationSeriesResponse,
  crossResponse,
  dccResponse,
  eppsResponse,
  exposureResponse,
  importFilesResponse,
  importOutcomeSchema,
  jobResponse,
  leadLagResponse,
  listResponse,
  metaResponse,
  moveResponse,
  pairResponse,
  partialResponse,
  perfResponse,
  stabilityResponse,
  strengthResponse,
  varResponse,
  volatilityResponse,
} from '@soukan/requests';
import type * as z from 'zod/mini';

export type MatrixResponse = z.output<typeof correlationResponse>;
export type Reason = MatrixResponse['reason'][number][number];
export type Method = MatrixResponse['method'];
export type PairResponse = z.output<typeof correlationPairResponse>;
export type CorrelationSeriesResponse = z.output<typeof correlationSeriesResponse>;
export type StabilityResponse = z.output<typeof stabilityResponse>;
export type DccResponse = z.output<typeof dccResponse>;
export type LeadLagResponse = z.output<typeof leadLagResponse>;
export type EppsResponse = z.output<typeof eppsResponse>;
export type PartialResponse = z.output<typeof partialResponse>;
export type VolResponse = z.output<typeof volatilityResponse>;
export type MoveResponse = z.output<typeof moveResponse>;
export type VarResponse = z.output<typeof varResponse>;
export type ExposureResponse = z.output<typeof exposureResponse>;
export type StrengthResponse = z.output<typeof strengthResponse>;
export type CrossResponse = z.output<typeof crossResponse>;
export type PairTradeResponse = z.output<typeof pairResponse>;
export type PerfResponse = z.output<typeof perfResponse>;
export type BarsResponse = z.output<typeof barsResponse>;
export type MetaResponse = z.output<typeof metaResponse>;
export type ListResponse = z.output<typeof listResponse>;
export type SeriesRow = ListResponse['series'][number];
export type ImportOutcome = z.output<typeof importOutcomeSchema>;
export type ApiErrorBody = z.output<typeof apiErrorResponse>['error'];
export type Job = z.output<typeof jobResponse>;
export type FolderFiles = z.output<typeof importFilesResponse>;
