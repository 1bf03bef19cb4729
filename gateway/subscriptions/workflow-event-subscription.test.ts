import { buildSchema, parse, print } from 'graphql';
import { describe, expect, it } from 'vitest';
import { parseWorkflowEventSubscription } from './workflow-event-subscription.ts';

/** The part of the supergraph's API schema these subscriptions touch. */
const schema = buildSchema(`
  type Query { workflowRun(id: ID!): WorkflowRun }
  type Subscription {
    workflowRunEvents(runId: ID!, after: String): WorkflowEvent!
    workflowEvents(workflowId: ID, after: String): WorkflowEvent!
  }
  type WorkflowEvent { cursor: String! type: String! runId: ID! stepId: String run: WorkflowRun! }
  type WorkflowRun { id: ID! status: String! steps(first: Int): [StepRun!]! }
  type StepRun { stepId: String! status: String! }
`);

describe('parseWorkflowEventSubscription', () => {
  it('reads the field, its arguments from variables, and builds one query for every run selection', () => {
    const document = parse(`
      subscription S($run: ID!, $after: String, $n: Int, $withSteps: Boolean!) {
        events: workflowRunEvents(runId: $run, after: $after) {
          cursor
          run { status }
          ... on WorkflowEvent { current: run { id } }
          ...More
          skipped: run @include(if: false) { id }
        }
      }
      fragment More on WorkflowEvent { run { steps(first: $n) @include(if: $withSteps) { ...Step } } }
      fragment Step on StepRun { stepId status }
    `);
    const parsed = parseWorkflowEventSubscription(schema, document, undefined, { run: 'r1', after: '7', n: 3, withSteps: true });
    expect(parsed).toMatchObject({ field: 'workflowRunEvents', responseKey: 'events', runId: 'r1', workflowId: null, after: '7', runKeys: ['run', 'current'] });
    expect(parsed.runQueryVariables).toEqual({ n: 3, withSteps: true });
    expect(parsed.runQuery).toBe(
      print(
        parse(`
          query WorkflowEventRun($id: ID!, $n: Int, $withSteps: Boolean!) {
            run: workflowRun(id: $id) { status steps(first: $n) @include(if: $withSteps) { ...Step } }
            current: workflowRun(id: $id) { id }
          }
          fragment Step on StepRun { stepId status }
        `),
      ),
    );
  });

  it('needs no run query when no run is selected', () => {
    const parsed = parseWorkflowEventSubscription(schema, parse('subscription { workflowEvents { cursor type } }'), null, null);
    expect(parsed).toMatchObject({
      field: 'workflowEvents',
      responseKey: 'workflowEvents',
      runId: null,
      workflowId: null,
      after: null,
      runQuery: null,
      runKeys: [],
    });
  });

  it('refuses queries, invalid documents and variables of the wrong type', () => {
    expect(() => parseWorkflowEventSubscription(schema, parse('{ workflowRun(id: "r") { id } }'), null, null)).toThrow('only subscriptions');
    expect(() => parseWorkflowEventSubscription(schema, parse('subscription { workflowEvents { nope } }'), null, null)).toThrow('Cannot query field "nope"');
    expect(() => parseWorkflowEventSubscription(schema, parse('subscription S($r: ID!) { workflowRunEvents(runId: $r) { cursor } }'), null, {})).toThrow(
      '"$r"',
    );
  });
});
