// Payload types by stage, without importing BullMQ (handlers and `lede process` use these).
export type { EnrichPayload, FetchPayload, PollPayload, StorePayload } from './payloads.js';
import type { EnrichPayload, FetchPayload, PollPayload, StorePayload } from './payloads.js';

export interface PayloadByStage {
  poll: PollPayload;
  fetch: FetchPayload;
  enrich: EnrichPayload;
  store: StorePayload;
}
export type PayloadOf<S extends keyof PayloadByStage> = PayloadByStage[S];

/** A job for some stage: the stage and its payload, kept paired. */
export type StageJob = { [S in keyof PayloadByStage]: { stage: S; payload: PayloadByStage[S] } }[keyof PayloadByStage];
