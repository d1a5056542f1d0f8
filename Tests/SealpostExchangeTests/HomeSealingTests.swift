#if canImport(Glibc)
import Glibc
#endif
import Foundation
import SealpostCore
import SealpostExchange
import SealpostJSON
import SealpostLedger
import SealpostLog
import SealpostSodium
import Testing

/// Sealing a home written before sealing at rest (issue 14 §2, spec/exchange.md §The home at rest):
/// a real exchange's homes are put back into the old plaintext layout exactly as the previous code
/// wrote it, then sealed in place by the real binary, including runs killed (SIGKILL) at each point
/// of the migration and finished by the next command.
@Suite(.serialized) struct HomeSealingTests {
    static let attachmentName = "Jayden chronology.txt"
    static let attachmentBytes = Array("Chronology of concerns for Jayden Okafor: 12 May, bruising seen\n".utf8)

    /// What an old home held in plaintext, to look for after sealing.
    struct Old {
        var record: [UInt8]
        var request: [UInt8]
        var details: [Int64: [UInt8]]
    }

    /// A MASH home holding a received record with an attachment and a request received from the
    /// school, and its log; returned as the previous code wrote them (plaintext layout).
    func exchange(in folder: TemporaryFolder, relay: TestRelay) async throws -> (AgencyHome, AgencyHome, String, String) {
        let school = try AgencyHome(Fixture.school, in: folder)
        let mash = try AgencyHome(Fixture.mash, in: folder)
        let file = folder.sub("attach-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(atPath: file, withIntermediateDirectories: true)
        try Data(Self.attachmentBytes).write(to: URL(fileURLWithPath: file + "/" + Self.attachmentName))
        let preparation = try Send.prepare(try Fixture.record(), purpose: Fixture.s47, recipients: [Fixture.mash.agencyID], context: school.context,
                                           decisions: try decisionsClearing("disclosure.json", purpose: Fixture.s47,
                                                                            recipients: [Fixture.mash.agencyID], context: school.context),
                                           attachments: try OutgoingAttachment.read([file + "/" + Self.attachmentName]), attachmentsChecked: true)
        let sealed = try Send.seal(preparation, context: school.context)
        let sent = try await school.withSession(relay) { try await Send.deposit(sealed[0], session: $0) }
        let id = try #require(EnvelopeID(hex: sent.envelopeID))
        _ = try await mash.withSession(relay) { try await Receive.open(id, session: $0) }
        // A request for information from the police, opened at the MASH.
        let police = try AgencyHome(Fixture.police, in: folder)
        let asked = try await sendRequest(from: police, to: Fixture.mash.agencyID, relay: relay)
        let request = try await openRequest(asked, as: mash, relay: relay)
        return (school, mash, sent.envelopeID, request.envelopeID)
    }

    /// Rewrites `home`'s inbox, requests and log details into the layout the code before sealing
    /// wrote (record.json / request.json, attachments under their safe names with the names in
    /// entry.json, plaintext details lines), removes the marker, and returns what it holds.
    func downgrade(_ home: AgencyHome) throws -> Old {
        var old = Old(record: [], request: [], details: [:])
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        for inbox in [home.context.inbox, home.context.requestsIn] {
            for entry in try inbox.entries() {
                let id = entry.envelopeID
                let content = try #require(inbox.content(id))
                if inbox.contentName == "record" { old.record = content } else { old.request = content }
                try AtomicFile.write(content, to: inbox.plaintextRecordPath(id), mode: 0o600)
                try FileManager.default.removeItem(atPath: inbox.recordPath(id))
                if let attachments = entry.attachments {
                    let files = try attachments.indices.map { try inbox.attachment(id, index: $0) }
                    try FileManager.default.removeItem(atPath: inbox.attachmentsFolder(id))
                    try FileManager.default.createDirectory(atPath: inbox.attachmentsFolder(id), withIntermediateDirectories: false,
                                                            attributes: [.posixPermissions: 0o700])
                    for (a, bytes) in zip(attachments, files) {
                        try AtomicFile.write(bytes, to: inbox.attachmentsFolder(id) + "/" + a.stored, mode: 0o600)
                    }
                }
                try AtomicFile.write(Array(try encoder.encode(entry)) + [0x0a], to: inbox.folder(id) + "/entry.json", mode: 0o600)
            }
        }
        let log = home.context.logDirectory + "/" + ReceiptLog.detailsFileName
        var lines: [UInt8] = []
        let atRest = home.context.atRest
        for line in try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n") {
            let details = try #require(StoredDetails.parse(line: ArraySlice(line.utf8))?.open(with: atRest))
            old.details[details.seq] = details.json
            lines += details.line
        }
        try AtomicFile.write(lines, to: log, mode: 0o600)
        // A request's receipt kept until its deposit, as the previous code wrote it (a crash before the deposit).
        try FileManager.default.createDirectory(atPath: home.home.requestsOutDirectory, withIntermediateDirectories: true)
        try AtomicFile.write(Array(#"{"details":{"subject":{"name":"Jayden Emeka Okafor"}},"facts":{}}"#.utf8) + [0x0a],
                             to: home.home.requestsOutDirectory + "/" + String(repeating: "ab", count: 32) + ".receipt.json", mode: 0o600)
        try? FileManager.default.removeItem(atPath: home.home.atRestMarkerPath)
        return old
    }

    /// Every file under `path`, with its bytes.
    func files(under path: String) -> [(String, [UInt8])] {
        let enumerator = FileManager.default.enumerator(atPath: path)
        var out: [(String, [UInt8])] = []
        while let name = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path + "/" + name, isDirectory: &isDirectory), !isDirectory.boolValue,
               let data = FileManager.default.contents(atPath: path + "/" + name) {
                out.append((name, Array(data)))
            }
        }
        return out
    }

    func plaintextHits(_ home: AgencyHome) -> [String] {
        let needles = ["Jayden", "Okafor", "9990001006", "999 000 1006", "chronology", "bruising"]
        return files(under: home.home.path).flatMap { name, bytes in
            let text = String(decoding: bytes, as: UTF8.self)
            return needles.filter { text.contains($0) }.map { "\(name): \($0)" }
        }
    }

    /// Checks that `home` is sealed and still holds exactly what `old` did.
    func expectSealed(_ home: AgencyHome, holding old: Old, record id: String, request: String) throws {
        #expect(HomeSealing.isSealed(home.home))
        #expect(plaintextHits(home).isEmpty, "\(plaintextHits(home))")
        let context = try ExchangeContext.load(home: home.home, identity: home.identity, logger: ExchangeLog.silent)
        #expect(context.inbox.content(id) == old.record)
        #expect(context.requestsIn.content(request) == old.request)
        let entry = try #require(try context.inbox.entry(id))
        #expect(entry.attachments?.map(\.name) == [Self.attachmentName])
        #expect(try context.inbox.attachment(id, index: 0) == Self.attachmentBytes)
        #expect(!FileManager.default.fileExists(atPath: context.inbox.plaintextRecordPath(id)))
        #expect(!FileManager.default.fileExists(atPath: context.inbox.folder(id) + "/.attachments-plain"))
        var verifier = LogVerifier(directory: context.home.logDirectory, owner: home.identity.signingKey.publicKey)
        verifier.atRest = context.atRest
        let report = try verifier.verify()
        #expect(report.isValid && report.detailsPresent == Int64(old.details.count), "\(String(describing: report.problem))")
        let opened = try context.ledger()
        for (seq, json) in old.details { #expect(opened.entry(seq: seq)?.detailsJSON.map { JSONValue.object($0).serialized(options: .sortedKeys) } == json) }
    }

    @Test func anOldPlaintextHomeIsSealedInPlaceByTheFirstUnlockedCommand() async throws {
        let folder = try TemporaryFolder(); defer { folder.remove() }
        try await withRelay { relay in
            let (_, mash, id, request) = try await exchange(in: folder, relay: relay)
            try mash.writeKeyFile()
            let chain = try Data(contentsOf: URL(fileURLWithPath: mash.context.logDirectory + "/chain.log"))
            let old = try downgrade(mash)
            #expect(!plaintextHits(mash).isEmpty, "the old layout holds the child's identity in plaintext")
            let arguments = ["--home", mash.home.path]
            let environment = ["SEALPOST_PASSPHRASE": TestRelay.passphrase]

            // A command that shows only facts does not ask for the passphrase, and seals nothing.
            let status = try runProgram(sealpostBinary, ["status"] + arguments, environment: ["SEALPOST_PASSPHRASE": ""])
            #expect(status.status == 0, "\(status.stderr)")
            #expect(!HomeSealing.isSealed(mash.home))

            let run = try runProgram(sealpostBinary, ["log", "show", "1"] + arguments, environment: environment)
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stderr.contains("sealed this home at rest: 1 received record, 1 attachment, 1 request, 1 receipt of sends not yet deposited, the details of"),
                    "\(run.stderr)")
            #expect(FileManager.default.fileExists(atPath: mash.home.requestsOutDirectory + "/" + String(repeating: "ab", count: 32) + ".receipt.sealed"))
            try expectSealed(mash, holding: old, record: id, request: request)
            #expect(try Data(contentsOf: URL(fileURLWithPath: mash.context.logDirectory + "/chain.log")) == chain, "the chain is untouched")

            let again = try runProgram(sealpostBinary, ["log", "show", "1"] + arguments, environment: environment)
            #expect(again.status == 0 && !again.stderr.contains("sealed this home"), "\(again.stderr)")
        }
    }

    /// Killed at each point of the migration, the home is left with every item in plaintext, sealed
    /// or both, never lost; the next unlocked command finishes the job.
    @Test(arguments: ["sealing-record-written", "sealing-attachments-set-aside", "sealing-attachments-sealed", "sealing-before-marker"])
    func aMigrationKilledMidwayIsFinishedByTheNextCommand(point: String) async throws {
        let folder = try TemporaryFolder(); defer { folder.remove() }
        try await withRelay { relay in
            let (_, mash, id, request) = try await exchange(in: folder, relay: relay)
            try mash.writeKeyFile()
            let old = try downgrade(mash)
            let arguments = ["--home", mash.home.path]
            let environment = ["SEALPOST_PASSPHRASE": TestRelay.passphrase]
            let killed = try runProgram(sealpostBinary, ["log", "verify", "--details"] + arguments,
                                        environment: environment.merging(["SEALPOST_TEST_KILL_AT": point]) { $1 })
            #expect(killed.killedBySignal && killed.status == SIGKILL, "expected SIGKILL at \(point): \(killed.stderr)")
            #expect(!HomeSealing.isSealed(mash.home))
            // Nothing was lost: each record is there in plaintext or sealed.
            let inbox = Inbox(home: mash.home, atRest: AtRest(identity: mash.identity))
            let plain = FileManager.default.contents(atPath: inbox.plaintextRecordPath(id)).map(Array.init)
            #expect(plain == old.record || inbox.content(id) == old.record)

            let next = try runProgram(sealpostBinary, ["log", "verify", "--details"] + arguments, environment: environment)
            #expect(next.status == 0, "\(next.stderr)")
            #expect(next.stdout.contains("ok: the log verifies"), "\(next.stdout)")
            try expectSealed(mash, holding: old, record: id, request: request)
        }
    }

    /// §1 of the issue: a crash mid-open (to a device or a pipe) can leave the plaintext in a staging
    /// file in the home; the next command removes it, and never one of a command still running.
    @Test func aStagingFileLeftByACrashedOpenIsRemovedByTheNextCommand() throws {
        let folder = try TemporaryFolder(); defer { folder.remove() }
        let mash = try AgencyHome(Fixture.mash, in: folder)
        try mash.writeKeyFile()
        // A process that is gone: a child that exited; and one that runs: this test.
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/true")
        try child.run()
        child.waitUntilExit()
        let gone = child.processIdentifier
        let stale = mash.home.path + "/\(OutputFile.stagingPrefix)\(gone)-12345"
        let staleTemp = mash.home.path + "/.\(OutputFile.stagingPrefix)\(gone)-777.tmp-AbCdEf"
        let live = mash.home.path + "/\(OutputFile.stagingPrefix)\(getpid())-999"
        for path in [stale, staleTemp, live] { try AtomicFile.write(Array("Jayden Okafor".utf8), to: path, mode: 0o600) }
        let run = try runProgram(sealpostBinary, ["status", "--home", mash.home.path], environment: [:])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("removed the plaintext staging file"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: stale) && !FileManager.default.fileExists(atPath: staleTemp))
        #expect(FileManager.default.fileExists(atPath: live), "a running command's staging file is kept")
    }
}
