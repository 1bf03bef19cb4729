// A run's DAG as SVG: its steps in columns by dependency depth, `dependsOn` edges as curves, each step coloured by its
// state (console.css `status-*`).
import type { ReactNode } from 'react';
import { dependencyDepths, type StepDefinition, type StepRun } from './run-state.ts';

const NODE_WIDTH = 180;
const NODE_HEIGHT = 56;
const COLUMN_GAP = 70;
const ROW_GAP = 20;
const MARGIN = 12;

/** The DAG of `definition`, each node showing the state of its step run in `steps`; a click selects the step. */
export function RunDag({
  definition,
  steps,
  selected,
  onSelect,
}: {
  readonly definition: readonly StepDefinition[];
  readonly steps: readonly StepRun[];
  readonly selected: string | undefined;
  readonly onSelect: (stepId: string) => void;
}): ReactNode {
  const depths = dependencyDepths(definition);
  const rows = new Map<number, number>();
  const positions = new Map<string, { x: number; y: number }>();
  for (const step of definition) {
    const depth = depths.get(step.id) ?? 0;
    const row = rows.get(depth) ?? 0;
    rows.set(depth, row + 1);
    positions.set(step.id, { x: MARGIN + depth * (NODE_WIDTH + COLUMN_GAP), y: MARGIN + row * (NODE_HEIGHT + ROW_GAP) });
  }
  const columns = Math.max(1, ...[...rows.keys()].map((d) => d + 1));
  const height = Math.max(1, ...rows.values());
  const width = 2 * MARGIN + columns * NODE_WIDTH + (columns - 1) * COLUMN_GAP;
  const svgHeight = 2 * MARGIN + height * NODE_HEIGHT + (height - 1) * ROW_GAP;
  const statusOf = new Map(steps.map((s) => [s.stepId, s]));
  return (
    <svg className="dag" width={width} height={svgHeight} viewBox={`0 0 ${width} ${svgHeight}`} role="img" aria-label="The run's steps and their dependencies">
      <defs>
        <marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
          <path d="M 0 0 L 10 5 L 0 10 z" className="dag-arrow" />
        </marker>
      </defs>
      {definition.flatMap((step) =>
        step.dependsOn.map((dep) => {
          const from = positions.get(dep);
          const to = positions.get(step.id);
          if (!from || !to) return null;
          const x1 = from.x + NODE_WIDTH;
          const y1 = from.y + NODE_HEIGHT / 2;
          const x2 = to.x - 2;
          const y2 = to.y + NODE_HEIGHT / 2;
          const mid = (x1 + x2) / 2;
          return (
            <path
              key={`${dep}->${step.id}`}
              className="dag-edge"
              data-edge={`${dep}->${step.id}`}
              d={`M ${x1} ${y1} C ${mid} ${y1}, ${mid} ${y2}, ${x2} ${y2}`}
              markerEnd="url(#arrow)"
            />
          );
        }),
      )}
      {definition.map((step) => {
        const position = positions.get(step.id) ?? { x: 0, y: 0 };
        const run = statusOf.get(step.id);
        const status = run?.status ?? 'QUEUED';
        return (
          <g
            key={step.id}
            className={`dag-node status-${status}${selected === step.id ? ' selected' : ''}`}
            data-step={step.id}
            data-status={status}
            transform={`translate(${position.x} ${position.y})`}
            onClick={() => onSelect(step.id)}
          >
            <title>{`${step.id} (${step.kind}): ${status}`}</title>
            <rect width={NODE_WIDTH} height={NODE_HEIGHT} rx={8} ry={8} />
            <text x={12} y={23} className="dag-node-id">
              {step.id.length > 20 ? `${step.id.slice(0, 19)}…` : step.id}
            </text>
            <text x={12} y={43} className="dag-node-detail">
              {`${step.kind} · ${status.replace(/_/g, ' ').toLowerCase()}${run && run.attempt > 1 ? ` · #${run.attempt}` : ''}`}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
