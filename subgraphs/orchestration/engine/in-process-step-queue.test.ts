import { createInProcessStepQueue } from './in-process-step-queue.ts';
import { describeStepQueueContract } from './step-queue.contract.ts';

describeStepQueueContract('in-process', (concurrency) => createInProcessStepQueue({ concurrency }));
