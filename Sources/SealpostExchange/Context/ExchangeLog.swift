import Logging

/// Loggers for the exchange. Libraries never make their own: the command line makes one here
/// and passes it in. Log lines carry envelope ids, agencies, sizes and states, never content.
public enum ExchangeLog {
    /// Log lines on standard error at `level` (trace, debug, info, notice, warning, error,
    /// critical; warning when nil or unknown).
    public static func standardError(level: String?) -> Logger {
        var logger = Logger(label: "sealpost.exchange", factory: { StreamLogHandler.standardError(label: $0) })
        logger.logLevel = level.flatMap(Logger.Level.init(rawValue:)) ?? .warning
        return logger
    }

    /// A logger that drops everything.
    public static var silent: Logger { Logger(label: "sealpost.exchange", factory: { _ in SwiftLogNoOpLogHandler() }) }
}
