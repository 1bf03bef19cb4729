import { EntitySchema } from 'typeorm';
import type { ModelCallErrorCode } from '../../../platform/errors.ts';

/** How a model call attempt ended that did not get an answer: a provider failure class, or the caller went away. */
export type ModelCallErrorClass = ModelCallErrorCode | 'CANCELLED';

/**
 * One attempt of a model call (table `routing.model_calls`): the deployment, what the call served (session, run step,
 * memory, task type), tokens, cost, latency and how it ended. Also the codegen mapper type of `ModelCall`.
 */
export interface ModelCall {
  id: string;
  tenantId: string;
  /** The completion request it is an attempt of (shared by the request's attempts). */
  requestId: string;
  /** 1 for the request's first attempt. */
  attempt: number;
  kind: 'CHAT_COMPLETION' | 'EMBEDDING';
  /** The deployment ({@link ModelProfile}) called. */
  modelId: string;
  /** The deployment's name at the time. */
  modelName: string;
  provider: string;
  /** The model name sent to the provider. */
  providerModel: string;
  taskType: string | null;
  sessionId: string | null;
  runId: string | null;
  stepId: string | null;
  memoryId: string | null;
  routingDecisionId: string | null;
  status: 'SUCCEEDED' | 'FAILED';
  errorClass: ModelCallErrorClass | null;
  /** What failed, without credentials; null on success. */
  error: string | null;
  inputTokens: number;
  outputTokens: number;
  /** From the usage and the deployment's prices at the time, in USD. */
  costUsd: number;
  latencyMs: number;
  /** From the attempt's start to its first streamed token, in ms; null when not streamed. */
  timeToFirstTokenMs: number | null;
  streamed: boolean;
  createdAt: Date;
}

/** TypeORM schema of {@link ModelCall}. */
export const ModelCallSchema = new EntitySchema<ModelCall>({
  name: 'ModelCall',
  tableName: 'model_calls',
  schema: 'routing',
  columns: {
    id: { type: 'uuid', primary: true },
    tenantId: { name: 'tenant_id', type: 'text' },
    requestId: { name: 'request_id', type: 'uuid' },
    attempt: { type: 'int' },
    kind: { type: 'text' },
    modelId: { name: 'model_id', type: 'uuid' },
    modelName: { name: 'model_name', type: 'text' },
    provider: { type: 'text' },
    providerModel: { name: 'provider_model', type: 'text' },
    taskType: { name: 'task_type', type: 'text', nullable: true },
    sessionId: { name: 'session_id', type: 'uuid', nullable: true },
    runId: { name: 'run_id', type: 'uuid', nullable: true },
    stepId: { name: 'step_id', type: 'text', nullable: true },
    memoryId: { name: 'memory_id', type: 'uuid', nullable: true },
    routingDecisionId: { name: 'routing_decision_id', type: 'uuid', nullable: true },
    status: { type: 'text' },
    errorClass: { name: 'error_class', type: 'text', nullable: true },
    error: { type: 'text', nullable: true },
    inputTokens: { name: 'input_tokens', type: 'int' },
    outputTokens: { name: 'output_tokens', type: 'int' },
    costUsd: { name: 'cost_usd', type: 'double precision' },
    latencyMs: { name: 'latency_ms', type: 'double precision' },
    timeToFirstTokenMs: { name: 'time_to_first_token_ms', type: 'double precision', nullable: true },
    streamed: { type: 'boolean' },
    createdAt: { name: 'created_at', type: 'timestamptz' },
  },
});
