import Foundation
import Synchronization
import Testing
import SealpostCore
import SealpostProtocol
import SealpostRelay
import SealpostSodium
#if canImport(Glibc)
import Glibc
#endif

/// A RunningRelay-like handle on a `sealpost-relay serve` process, so the signed client can reach it.
private func client(port: Int, as identity: Identity) -> SignedClient {
    SignedClient(baseURL: "http://127.0.0.1:\(port)", identity: identity)
}

@Suite("The sealpost-relay binary: serve, refusals, signals and SIGKILL under load", .serialized)
struct ProcessTests {
    @Test("THREATS 21: SIGKILL under deposit load, in a loop; after each restart every acknowledged deposit is there exactly once",
          arguments: TestStore.all)
    func killUnderLoad(store: TestStore) async throws {
        let folder = try TemporaryFolder("relay-kill")
        defer { folder.remove() }
        let home = try RelayProcess.makeHome(in: folder)
        let (storeFlags, database) = try await storeArguments(store, in: folder)
        let acknowledged = Locked(Set<String>())
        let attempted = Locked(Set<String>())
        /// The bytes of the first few acknowledged deposits, to retry after the last restart.
        let retained = Locked([[UInt8]]())

        for round in 0..<5 {
            let relay = try RelayProcess(["serve", "--home", home.path, "--port", "0", "--agency-rate", "0"] + storeFlags)
            let port = try #require(await relay.listeningPort() ?? nil, "round \(round): the relay did not start: \(relay.standardError)")
            let school = client(port: port, as: Party.school)
            let mash = client(port: port, as: Party.mash)

            // Everything acknowledged before this restart is there, once.
            let held = try await everyID(in: mash)
            #expect(Set(held).count == held.count, "round \(round): an envelope is listed twice")
            let missing = acknowledged.value.subtracting(held)
            #expect(missing.isEmpty, "round \(round): \(missing.count) acknowledged deposits are gone")
            #expect(Set(held).isSubset(of: attempted.value), "round \(round): an envelope nobody deposited")

            // Eight depositors until the relay is killed; the kill comes once 40 more are acknowledged.
            let before = acknowledged.value.count
            let stopped = Locked(false)
            let load = Task {
                defer { stopped.update { $0 = true } }
                await withTaskGroup(of: Void.self) { group in
                    for _ in 0..<8 {
                        group.addTask {
                            while !Task.isCancelled {
                                let bytes = envelope(size: 4096)
                                let id = idOf(bytes)
                                attempted.update { _ = $0.insert(id) }
                                guard let reply = try? await school.deposit(bytes, to: [Party.mash]) else { return }
                                if reply.status == 201 || reply.status == 200 {
                                    acknowledged.update { _ = $0.insert(id) }
                                    retained.update { if $0.count < 10 { $0.append(bytes) } }
                                }
                            }
                        }
                    }
                }
            }
            while acknowledged.value.count < before + 40, !stopped.value { try await Task.sleep(for: .milliseconds(5)) }
            #expect(!stopped.value, "round \(round): the depositors stopped before the kill: \(relay.standardError.suffix(2000))")
            relay.kill(SIGKILL)
            #expect(await relay.exitStatus() == SIGKILL)
            await load.value
        }

        let relay = try RelayProcess(["serve", "--home", home.path, "--port", "0"] + storeFlags)
        let port = try #require(await relay.listeningPort())
        let held = try await everyID(in: client(port: port, as: Party.mash))
        #expect(Set(held).count == held.count)
        #expect(acknowledged.value.isSubset(of: Set(held)))
        #expect(acknowledged.value.count >= 200)
        // A retried deposit of an acknowledged envelope is a duplicate, not a second delivery.
        #expect(retained.value.count == 10)
        for bytes in retained.value {
            let retry = try await client(port: port, as: Party.school).deposit(bytes, to: [Party.mash])
            #expect(retry.status == 200)
            #expect(retry.decode(DepositResponse.self)?.duplicate == true)
        }
        #expect(try await everyID(in: client(port: port, as: Party.mash)).count == held.count)
        relay.kill(SIGTERM)
        #expect(await relay.exitStatus() == 0, "SIGTERM shuts down gracefully: \(relay.standardError)")
        await database?.drop()
    }

    @Test("serve refuses to start without the agreement's blessing, saying why and what to do")
    func refusals() async throws {
        let folder = try TemporaryFolder("relay-refuse")
        defer { folder.remove() }
        let home = try RelayProcess.makeHome(in: folder, agreement: Party.agreement(revoked: [Party.health.agencyID, Party.relay.agencyID]))
        let revoked = try RelayProcess(["serve", "--home", home.path, "--port", "0"])
        #expect(await revoked.exitStatus() == 1)
        #expect(revoked.standardError.contains("sealpost-relay: error: relay-kingsbridge is revoked"))
        #expect(revoked.standardError.contains("sealpost-relay: hint: "))

        let wrongPassphrase = try RelayProcess(["serve", "--home", home.path, "--port", "0"], environment: ["SEALPOST_PASSPHRASE": "wrong"])
        #expect(await wrongPassphrase.exitStatus() == 1)
        #expect(wrongPassphrase.standardError.contains("sealpost-relay: error: "))
        #expect(!wrongPassphrase.standardError.contains(RelayProcess.passphrase))

        let noAgreement = try RelayProcess(["serve", "--home", home.path, "--port", "0", "--agreement", folder.file("absent.json")])
        #expect(await noAgreement.exitStatus() == 1)
        #expect(noAgreement.standardError.contains("cannot read the agreement"))
    }

    @Test("SIGTERM during a deposit lets it finish and be acknowledged, then the relay exits 0", arguments: TestStore.all)
    func gracefulShutdown(store: TestStore) async throws {
        let folder = try TemporaryFolder("relay-term")
        defer { folder.remove() }
        let home = try RelayProcess.makeHome(in: folder)
        let (storeFlags, database) = try await storeArguments(store, in: folder)
        let relay = try RelayProcess(["serve", "--home", home.path, "--port", "0"] + storeFlags)
        let port = try #require(await relay.listeningPort())
        // A deposit whose body is still arriving when SIGTERM comes.
        let bytes = envelope(size: 4096)
        let target = RelayAPI.Path.envelopes + "?to=\(Party.mash.agencyID)"
        let headers = client(port: port, as: Party.school).signatureHeaders(method: "POST", target: target, body: bytes)
        let connection = try RawConnection(port: port)
        defer { connection.close() }
        #expect(await connection.send(requestHead(method: "POST", target: target, port: port, headers: headers + [("Content-Length", "4096")])))
        #expect(await connection.send(Array(bytes[0..<1000])))
        try await Task.sleep(for: .milliseconds(200))
        relay.kill(SIGTERM)
        try await Task.sleep(for: .milliseconds(200))
        #expect(await connection.send(Array(bytes[1000...])))
        let response = try #require(await connection.readResponse())
        #expect(response.head.hasPrefix("HTTP/1.1 201"), "\(response.head)")
        #expect(await relay.exitStatus() == 0)

        let again = try RelayProcess(["serve", "--home", home.path, "--port", "0"] + storeFlags)
        let newPort = try #require(await again.listeningPort())
        #expect(try await client(port: newPort, as: Party.mash).waiting() == [idOf(bytes)])
        again.kill(SIGTERM)
        _ = await again.exitStatus()
        await database?.drop()
    }
}

/// Every id waiting in the client's mailbox, through all pages.
func everyID(in client: SignedClient) async throws -> [String] {
    var ids: [String] = []
    var after: String?
    repeat {
        let query = "?limit=1000" + (after.map { "&after=\($0)" } ?? "")
        let page = try #require(try await client.list(query).decode(MailboxListing.self))
        ids += page.messages.map(\.envelopeID)
        after = page.next
    } while after != nil
    return ids
}
