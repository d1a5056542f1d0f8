import Foundation
import Logging
import PostgresNIO
import Synchronization

/// The reads of a full exchange cycle in batches, as deposits and deletes are written: the mailbox
/// pages, and the fetches, that requests ask for while a batch of them is being read are read
/// together by the next, one statement each kind (`PostgresBatcher`), so the server's
/// per-statement cost and the round trip are shared. A read changes nothing, so a batch is one
/// snapshot of the database taken while each of its requests was waiting, as its own statement would
/// have been; each request gets exactly the rows its own statement would have given it.
///
/// Each request's part is a LATERAL subquery with a LIMIT, run once per request and looked up by
/// index (a mailbox's waiting copies by `delivery_waiting`, an envelope by its id): the server plans
/// a prepared statement once for any batch, and a join of an unnest with a table could be planned as
/// a scan of the table.
extension PostgresStatements {
    /// Pages of mailboxes: for each request (1-based `i`), the envelopes waiting for its mailbox and
    /// not expired at its `now`, after sequence number `after`, oldest first, at most `limit`.
    struct ListMany: PostgresPreparedStatement {
        static let name = "sealpost_list_many_v1"
        static let sql = """
            SELECT t.i::int4, x.id, x.sender, x.size, x.deposited_at, x.expires_at
            FROM unnest($1::text[], $2::int8[], $3::int8[], $4::int8[]) WITH ORDINALITY AS t(mailbox, after, now, lim, i)
            CROSS JOIN LATERAL (
                SELECT d.seq, e.id, e.sender, e.size, e.deposited_at, e.expires_at FROM delivery d JOIN envelope e ON e.seq = d.seq
                WHERE d.mailbox = t.mailbox AND d.state = 0 AND d.seq > t.after AND e.expires_at > t.now
                ORDER BY d.seq LIMIT t.lim
            ) AS x
            ORDER BY t.i, x.seq
            """
        typealias Row = (Int32, Data, String, Int64, Int64, Int64)

        var mailboxes: [String] = []
        var after: [Int64] = []
        var now: [Int64] = []
        var limits: [Int64] = []

        init(_ requests: [ListRequest]) {
            for request in requests {
                mailboxes.append(request.mailbox)
                after.append(request.after)
                now.append(request.now)
                limits.append(request.limit)
            }
        }

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 4)
            try bindings.append(mailboxes)
            try bindings.append(after)
            try bindings.append(now)
            try bindings.append(limits)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
    }

    /// Fetches: for each request (1-based `i`) whose copy waits in its mailbox, unexpired at its
    /// `now`, where the body is kept, its size and its first chunk; no row for one that does not.
    struct FetchMany: PostgresPreparedStatement {
        static let name = "sealpost_fetch_many_v1"
        static let sql = """
            SELECT t.i::int4, x.body, x.size, x.bytes
            FROM unnest($1::bytea[], $2::text[], $3::int8[]) WITH ORDINALITY AS t(id, mailbox, now, i)
            CROSS JOIN LATERAL (
                SELECT b.id AS body, e.size, c.bytes FROM envelope e JOIN delivery d ON d.seq = e.seq
                JOIN deposit_body b ON b.seq = e.seq LEFT JOIN deposit_chunk c ON c.body = b.id AND c.part = 0
                WHERE e.id = t.id AND d.mailbox = t.mailbox AND d.state = 0 AND e.expires_at > t.now
                LIMIT 1
            ) AS x
            ORDER BY t.i
            """
        typealias Row = (Int32, Int64, Int64, Data?)

        var ids: [ByteBuffer] = []
        var mailboxes: [String] = []
        var now: [Int64] = []

        init(_ requests: [FetchRequest]) {
            for request in requests {
                ids.append(ByteBuffer(bytes: request.id))
                mailboxes.append(request.mailbox)
                now.append(request.now)
            }
        }

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings(capacity: 3)
            try bindings.append(ids)
            try bindings.append(mailboxes)
            try bindings.append(now)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> Row { try row.decode(Row.self) }
    }
}

/// One mailbox page as batched (`ListMany`). `ticket` only tells requests apart in a batch.
struct ListRequest: Sendable {
    let ticket: UInt64
    let mailbox: String
    let after: Int64
    let now: Int64
    let limit: Int64
}

/// One fetch as batched (`FetchMany`).
struct FetchRequest: Sendable {
    let ticket: UInt64
    let id: [UInt8]
    let mailbox: String
    let now: Int64
}

/// Numbers that tell the reads of one batch apart (reads of the same thing may share a batch).
final class ReadTickets: Sendable {
    private let next = Atomic<UInt64>(0)

    func take() -> UInt64 { next.add(1, ordering: .relaxed).newValue }

    static func key(_ ticket: UInt64) -> [UInt8] { withUnsafeBytes(of: ticket) { Array($0) } }
}

extension PostgresRelayRepository {
    typealias ListedRow = (Data, String, Int64, Int64, Int64)

    /// The pages `requests` ask for, in one statement; each request's rows, in order.
    static func listBatch(_ requests: [ListRequest], client: PostgresClient, logger: Logger) async throws -> [Result<[ListedRow], any Error>] {
        var pages = [[ListedRow]](repeating: [], count: requests.count)
        for (item, id, sender, size, depositedAt, expiresAt) in try await client.rows(PostgresStatements.ListMany(requests), logger: logger) {
            guard item >= 1, Int(item) <= requests.count else { throw RelayStorageError("the database answered a page for no request of the batch") }
            pages[Int(item) - 1].append((id, sender, size, depositedAt, expiresAt))
        }
        return pages.map { .success($0) }
    }

    /// The fetches `requests` ask for, in one statement; for each, where its body is, or nil.
    static func fetchBatch(_ requests: [FetchRequest], client: PostgresClient, logger: Logger) async throws -> [Result<StoredBody?, any Error>] {
        var found = [StoredBody?](repeating: nil, count: requests.count)
        for (item, body, size, first) in try await client.rows(PostgresStatements.FetchMany(requests), logger: logger) {
            guard item >= 1, Int(item) <= requests.count, found[Int(item) - 1] == nil else {
                throw RelayStorageError("the database answered a fetch for no request of the batch, or twice")
            }
            found[Int(item) - 1] = StoredBody(body: body, size: size, parts: DepositBody.parts(size), firstChunk: first.map { Array($0) })
        }
        return found.map { .success($0) }
    }
}
