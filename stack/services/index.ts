/**
 * The services of the local stack, in start order. Dependencies are declared on each service;
 * the order here decides only how the table reads.
 */
import type { ServiceDefinition } from '../service.ts';

export const services: readonly ServiceDefinition[] = [];
