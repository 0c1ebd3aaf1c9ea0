export { HttpServer, toJson, type HttpServerOptions, type Health } from './server.js';
export { MetricsRegistry, Counter, Gauge, Histogram, DEFAULT_BUCKETS, PROMETHEUS_CONTENT_TYPE, formatValue, type Labels } from './metrics.js';
