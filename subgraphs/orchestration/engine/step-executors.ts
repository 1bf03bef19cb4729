import type { EgressPolicy } from '../../../platform/egress/egress-policy.ts';
import type { GatewayClient } from '../clients/gateway-client.ts';
import type {
  ExecutableStepKind,
  HttpConfig,
  LlmConfig,
  MemoryExtractConfig,
  MemorySearchConfig,
  MemoryStoreConfig,
  TransformConfig,
} from '../services/step-config-schemas.ts';
import { executeHttp } from './executors/http-step.ts';
import { executeLlm } from './executors/llm-step.ts';
import { executeMemoryExtract, executeMemorySearch, executeMemoryStore } from './executors/memory-steps.ts';
import type { StepExecution, StepResult } from './executors/step-execution.ts';
import { executeTransform } from './executors/transform-step.ts';

/** Options of {@link createStepExecutors}. */
export interface StepExecutorsOptions {
  readonly gateway: GatewayClient;
  /** The egress policy of tenant-chosen URLs (`http` steps). */
  readonly egress: EgressPolicy;
  /** Default timeout of `http` and `memory.*` steps, in ms (`config.worker.httpStepTimeoutMs`). */
  readonly httpStepTimeoutMs: number;
  /** Default timeout of `llm` steps, in ms (`config.worker.llmTimeoutMs`). */
  readonly llmTimeoutMs: number;
}

/** A kind that an executor runs (`wait` and `map` are the engine's own: a signal, and items that are steps). */
export type ExecutorStepKind = Exclude<ExecutableStepKind, 'wait' | 'map'>;

/** Runs steps of the kinds that execute outside a transaction (see {@link ExecutorStepKind}). */
export interface StepExecutors {
  /** Executes one attempt; `execution.config` has passed the kind's resolved schema. */
  execute(kind: ExecutorStepKind, execution: StepExecution<unknown>): Promise<StepResult>;
  /** The timeout of a step of `kind` without its own `timeoutMs`, in ms; undefined = none. */
  defaultTimeoutMs(kind: ExecutableStepKind): number | undefined;
}

/** Creates the executors of every kind, switched exhaustively. */
export function createStepExecutors(options: StepExecutorsOptions): StepExecutors {
  return {
    execute(kind, execution) {
      switch (kind) {
        case 'transform':
          return executeTransform(execution as StepExecution<TransformConfig>);
        case 'http':
          return executeHttp(options.egress, execution as StepExecution<HttpConfig>);
        case 'llm':
          return executeLlm(options, execution as StepExecution<LlmConfig>);
        case 'memory.store':
          return executeMemoryStore(options.gateway, execution as StepExecution<MemoryStoreConfig>);
        case 'memory.search':
          return executeMemorySearch(options.gateway, execution as StepExecution<MemorySearchConfig>);
        case 'memory.extract':
          return executeMemoryExtract(options.gateway, execution as StepExecution<MemoryExtractConfig>);
        default: {
          const never: never = kind;
          throw new Error(`no executor for kind ${String(never)}`);
        }
      }
    },
    defaultTimeoutMs(kind) {
      switch (kind) {
        case 'http':
        case 'memory.store':
        case 'memory.search':
          return options.httpStepTimeoutMs;
        case 'llm':
        case 'memory.extract':
          return options.llmTimeoutMs;
        case 'transform':
        case 'wait':
        case 'map':
          return undefined;
        default: {
          const never: never = kind;
          throw new Error(`unknown kind ${String(never)}`);
        }
      }
    },
  };
}
