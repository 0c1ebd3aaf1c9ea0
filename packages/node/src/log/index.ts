export { createLogger, silentLogger, LOG_LEVELS, type Logger, type LogLevel, type LogFields, type LoggerOptions } from './logger.js';
