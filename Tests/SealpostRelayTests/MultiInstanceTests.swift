import Foundation
import Testing
import SealpostCore
import SealpostProtocol
import SealpostRelay
import SealpostSodium
#if canImport(Glibc)
import Glibc
#endif

/// Several relay processes over one PostgreSQL database, as a deployment beyond one machine runs them
/// (issue 12; THREATS row 38): what one instance acknowledges, another serves; what one has seen,
/// another refuses to see again; killing one loses nothing the others or it acknowledged.
@Suite("Several relay instances over one PostgreSQL database (THREATS 38)", .serialized, .timeLimit(.minutes(10)))
struct MultiInstanceTests {
    /// Two relay processes, A and B, on one new database; nil when this run does not test PostgreSQL.
    func twoInstances(_ folder: TemporaryFolder) async throws -> (home: Home, database: TestDatabase, b: RelayProcess, bPort: Int)? {
        guard TestStore.all.contains(.postgres) else { return nil }
        let home = try RelayProcess.makeHome(in: folder)
        let database = try await PostgresTestServer.createDatabase()
        let b = try RelayProcess(instanceArguments(home, database))
        let bPort = try #require(await b.listeningPort() ?? nil, "B did not start: \(b.standardError)")
        return (home, database, b, bPort)
    }

    func instanceArguments(_ home: Home, _ database: TestDatabase) -> [String] {
        ["serve", "--home", home.path, "--port", "0", "--database", database.urlText, "--agency-rate", "0"]
    }

    @Test("deposited through A, listed, fetched and deleted through B; a retry through B is the same deposit; a request captured at A is refused at B")
    func sharedState() async throws {
        let folder = try TemporaryFolder("relay-two")
        defer { folder.remove() }
        guard let (home, database, b, bPort) = try await twoInstances(folder) else { return }
        let a = try RelayProcess(instanceArguments(home, database))
        let aPort = try #require(await a.listeningPort() ?? nil, "A did not start: \(a.standardError)")
        let schoolA = SignedClient(baseURL: "http://127.0.0.1:\(aPort)", identity: Party.school)
        let schoolB = SignedClient(baseURL: "http://127.0.0.1:\(bPort)", identity: Party.school)
        let mashB = SignedClient(baseURL: "http://127.0.0.1:\(bPort)", identity: Party.mash)

        let bytes = envelope(size: 5000)
        let id = idOf(bytes)
        let first = try await schoolA.deposit(bytes, to: [Party.mash])
        #expect(first.status == 201)
        #expect(try await mashB.waiting() == [id])
        #expect(try await mashB.fetch(id).body == bytes)
        // The sender's retry through the other instance is the same deposit, with the same receipt.
        let retry = try await schoolB.deposit(bytes, to: [Party.mash])
        #expect(retry.status == 200)
        #expect(retry.decode(DepositResponse.self)?.duplicate == true)
        #expect(retry.decode(DepositResponse.self)?.receipt == first.decode(DepositResponse.self)?.receipt)
        #expect(try await mashB.delete(id).status == 204)
        #expect(try await SignedClient(baseURL: "http://127.0.0.1:\(aPort)", identity: Party.mash).delete(id).status == 404,
                "deleted through B is gone through A")
        let status = try #require(try await schoolA.status(id).decode(DepositStatus.self))
        #expect(status.deliveries.map(\.state) == [.deleted])

        // The same new envelope deposited through both at once is stored once.
        let raced = envelope(size: 3000)
        async let throughA = schoolA.deposit(raced, to: [Party.mash, Party.police])
        async let throughB = schoolB.deposit(raced, to: [Party.mash, Party.police])
        let statuses = try await [throughA.status, throughB.status].sorted()
        #expect(statuses == [200, 201], "one stored, one its duplicate: \(statuses)")
        #expect(try await mashB.waiting() == [idOf(raced)])

        // A request accepted by A, replayed byte for byte (Host included) at B.
        let target = RelayAPI.Path.mailbox
        let mashA = SignedClient(baseURL: "http://127.0.0.1:\(aPort)", identity: Party.mash)
        let captured = mashA.signatureHeaders(method: "GET", target: target, body: [])
        #expect(try await mashA.send(.GET, target, headers: captured).status == 200)
        let replay = try RawConnection(port: bPort, readTimeout: 30)
        defer { replay.close() }
        #expect(await replay.send(requestHead(method: "GET", target: target, port: aPort, headers: captured)))
        let refused = try #require(await replay.readResponse())
        #expect(refused.head.hasPrefix("HTTP/1.1 401"), "\(refused.head)")
        #expect(RelayJSON.decode(RelayProblem.self, from: refused.body)?.error == RelayErrorCode.replayed)

        for relay in [a, b] { relay.kill(SIGTERM) }
        #expect(await a.exitStatus() == 0)
        #expect(await b.exitStatus() == 0)
        await database.drop()
    }

    @Test("THREATS 38: SIGKILL instance A in a loop under load while B keeps serving: every acknowledged deposit is there, none delivered twice")
    func killOneUnderLoad() async throws {
        let folder = try TemporaryFolder("relay-two-kill")
        defer { folder.remove() }
        guard let (home, database, b, bPort) = try await twoInstances(folder) else { return }
        let schoolB = SignedClient(baseURL: "http://127.0.0.1:\(bPort)", identity: Party.school)
        let mashB = SignedClient(baseURL: "http://127.0.0.1:\(bPort)", identity: Party.mash)
        let acknowledged = Locked([String: [UInt8]]())
        let acknowledgedByA = Locked(0), acknowledgedByB = Locked(0)
        /// Every envelope the MASH fetched and then deleted through B, in order: a repeat is a second delivery.
        let delivered = Locked([String]())

        // The MASH collects through B throughout: list, fetch, check, delete.
        let collecting = Locked(true)
        let collector = Task {
            while collecting.value {
                guard let ids = try? await mashB.waiting(), !ids.isEmpty else {
                    try? await Task.sleep(for: .milliseconds(50))
                    continue
                }
                for id in ids {
                    guard let fetched = try? await mashB.fetch(id), fetched.status == 200 else { continue }
                    #expect(idOf(fetched.body) == id)
                    if (try? await mashB.delete(id).status) == 204 { delivered.update { $0.append(id) } }
                }
            }
        }

        for round in 0..<4 {
            let a = try RelayProcess(instanceArguments(home, database))
            let aPort = try #require(await a.listeningPort() ?? nil, "round \(round): A did not start: \(a.standardError)")
            let schoolA = SignedClient(baseURL: "http://127.0.0.1:\(aPort)", identity: Party.school)
            let before = acknowledged.value.count
            let stopped = Locked(false)
            // Four depositors through A, four through B, until A is killed (and a moment after).
            let load = Task {
                await withTaskGroup(of: Void.self) { group in
                    for index in 0..<8 {
                        let throughA = index < 4
                        group.addTask {
                            while !stopped.value {
                                let bytes = envelope(size: 4096)
                                guard let reply = try? await (throughA ? schoolA : schoolB).deposit(bytes, to: [Party.mash]) else {
                                    if throughA { return }
                                    continue
                                }
                                if reply.status == 201 || reply.status == 200 {
                                    acknowledged.update { $0[idOf(bytes)] = bytes }
                                    (throughA ? acknowledgedByA : acknowledgedByB).update { $0 += 1 }
                                }
                            }
                        }
                    }
                }
            }
            let deadline = ContinuousClock.now + .seconds(120)
            while acknowledged.value.count < before + 60, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(5)) }
            #expect(acknowledged.value.count >= before + 60, "round \(round): the deposits stalled")
            a.kill(SIGKILL)
            #expect(await a.exitStatus() == SIGKILL)
            // B goes on serving while A is down.
            #expect(try await schoolB.deposit(envelope(), to: [Party.police]).status == 201, "round \(round): B serves with A dead")
            stopped.update { $0 = true }
            await load.value
        }

        // Let the collector take everything that waits, then stop it.
        let drained = ContinuousClock.now + .seconds(120)
        while ContinuousClock.now < drained, (try? await mashB.waiting().isEmpty) != true { try await Task.sleep(for: .milliseconds(100)) }
        collecting.update { $0 = false }
        await collector.value

        let deliveredIDs = delivered.value
        let waiting = try await everyID(in: mashB)
        let acknowledgedIDs = Set(acknowledged.value.keys)
        print("two instances, A killed 4 times under load: acknowledged \(acknowledgedIDs.count) (\(acknowledgedByA.value) through A, \(acknowledgedByB.value) through B), delivered \(deliveredIDs.count), delivered twice \(deliveredIDs.count - Set(deliveredIDs).count), still waiting \(waiting.count), lost \(acknowledgedIDs.subtracting(deliveredIDs).subtracting(waiting).count)")
        #expect(Set(deliveredIDs).count == deliveredIDs.count, "an envelope was delivered twice")
        #expect(acknowledgedIDs.isSubset(of: Set(deliveredIDs).union(waiting)), "an acknowledged deposit is gone")
        #expect(acknowledgedByA.value >= 1 && acknowledgedByB.value >= 1)

        // Every acknowledged deposit retried through B is a duplicate, never a second delivery.
        for bytes in acknowledged.value.values.prefix(20) {
            let retry = try await schoolB.deposit(bytes, to: [Party.mash])
            #expect(retry.status == 200)
            #expect(retry.decode(DepositResponse.self)?.duplicate == true)
        }
        #expect(try await mashB.waiting().count == waiting.count)
        b.kill(SIGTERM)
        #expect(await b.exitStatus() == 0)
        await database.drop()
    }
}
