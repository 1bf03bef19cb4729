import type { ModelProfile } from '../entities/model-profile.ts';
import type { ModelGroupStrategy } from '../entities/model-group.ts';

/** A model group as the API shows it (the codegen mapper of `ModelGroup`). */
export interface ModelGroupDescription {
  readonly name: string;
  readonly strategy: ModelGroupStrategy;
  /** Its deployments, by name. */
  readonly deployments: readonly ModelProfile[];
}
