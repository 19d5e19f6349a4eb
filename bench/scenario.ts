// What a benchmark scenario is: an endpoint the load generator drives, beside a bare route answering the
// same JSON. Built-in scenarios are in scenarios.ts; another file may add one (bench/scenarios/*.ts) and
// register it in SCENARIOS there.
import type { GeneratedSet } from './generate.js';

export interface RequestSpec {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface ScenarioContext {
  /** Port of the real server on 127.0.0.1 (e.g. to fetch tokens before measuring). */
  appPort: number;
  set: GeneratedSet;
}

export interface ScenarioRequests {
  /** How many distinct targets there are; the access pattern draws indexes in [0, size). */
  size: number;
  /**
   * The request for target `index`. `bare` addresses the ceiling route instead: `/bare/<name>` (POST) or
   * `/bare/<name>/<id>` (GET), answered by the bench server with what the real endpoint answered once.
   */
  request(index: number, bare: boolean): RequestSpec;
}

export interface Scenario {
  readonly name: string;
  /** The status every request must get. */
  readonly expectedStatus: number;
  /**
   * Read paths (cached on the server): measured once per `--access` pattern, after a first pass asking
   * up to FIRST_PASS distinct targets once each. Write paths are measured once, with uniform targets.
   */
  readonly read: boolean;
  prepare(context: ScenarioContext): Promise<ScenarioRequests>;
}

export function basic(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}
