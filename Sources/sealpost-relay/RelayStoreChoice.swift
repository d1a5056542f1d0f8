import Foundation

/// Which store a relay command works on, decided in one place so that `backup` refuses exactly
/// when `serve` would be using PostgreSQL: --database, else $SEALPOST_RELAY_DATABASE (when not
/// empty) unless --db names a SQLite file. nil means the SQLite file.
enum RelayStoreChoice {
    static func databaseURL(database: String?, db: String?) -> String? {
        if let database { return database }
        guard db == nil, let url = ProcessInfo.processInfo.environment["SEALPOST_RELAY_DATABASE"], !url.isEmpty else {
            return nil
        }
        return url
    }
}
