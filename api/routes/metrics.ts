// Prometheus metrics (public, like /healthz: scrape it from inside the network).
import { z } from 'zod';
import { METRICS_CONTENT_TYPE, type LeadflowMetrics } from '../../platform/metrics.js';
import { defineRoute, type RouteSpec } from '../http/route.js';

export function metricsRoutes(metrics: LeadflowMetrics): RouteSpec[] {
  return [
    defineRoute({
      method: 'get',
      path: '/metrics',
      operationId: 'metrics',
      summary: 'Prometheus metrics (text exposition format)',
      tags: ['ops'],
      access: 'public',
      responses: { 200: { description: 'Metrics', schema: z.string(), contentType: METRICS_CONTENT_TYPE } },
      handler: async () => ({ status: 200, text: metrics.registry.render(), headers: { 'Content-Type': METRICS_CONTENT_TYPE } }),
    }),
  ];
}
