import Foundation
import Logging
import PostgresNIO

// The newest agreement edition, shared by every instance, and the health check.
extension PostgresRelayRepository {
    public func publishAgreement(id: String, version: Int64, bytes: [UInt8]) async throws {
        // Only ever upwards: of two instances publishing at once, the newer edition stays.
        try await client.query("""
            INSERT INTO agreement_edition (id, version, bytes) VALUES (\(id), \(version), \(Data(bytes)))
            ON CONFLICT (id) DO UPDATE SET version = excluded.version, bytes = excluded.bytes
            WHERE agreement_edition.version < excluded.version
            """, logger: logger)
    }

    public func newerAgreement(id: String, than version: Int64) async throws -> [UInt8]? {
        let row = try await client.query("""
            SELECT bytes FROM agreement_edition WHERE id = \(id) AND version > \(version)
            """, logger: logger).collect().first
        return try row.map { Array(try $0.decode(Data.self)) }
    }

    /// One trivial query on a pooled connection, given two seconds: a server that is down, or a
    /// pool that cannot get a connection, fails it quickly rather than hanging the health check.
    public func checkHealth() async throws {
        do {
            try await Self.withTimeout(.seconds(2)) { [client, logger] in
                _ = try await client.query("SELECT 1", logger: logger).collect()
            }
        } catch {
            throw RelayStorageError("the PostgreSQL database does not answer: \(Self.describe(error))")
        }
    }
}
