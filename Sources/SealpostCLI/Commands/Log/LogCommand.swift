import ArgumentParser
import Foundation
import SealpostCore
import SealpostLedger
import SealpostLog
import SealpostSodium

/// `sealpost log`: the home's receipt log (spec/receipts.md), read without the passphrase.
struct LogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "log",
        abstract: "List, show, verify and export this agency's receipt log.",
        discussion: """
        Every decision to share, withhold, request, decline, receive or acknowledge is an entry in HOME/log, \
        signed and hash-chained. `sealpost log` lists them; `log show SEQ` shows one with its details; \
        `log verify` checks the whole log and names the first bad entry; `log export` writes it as \
        JSON or CSV; `log checkpoints --of AGENCY` exports what this home holds of another's log. The \
        chain's facts (ids, agencies, purposes, times, hashes) need no passphrase: listing and verifying \
        use the public card in the home. The details (the child's identifiers, reasons, who acted) are \
        sealed to the agency's key, so `log show`, `log export` with details, `log --child` and \
        `log verify --details` ask for the passphrase.
        """,
        subcommands: [LogListCommand.self, LogShowCommand.self, LogVerifyCommand.self, LogExportCommand.self, LogCheckpointsCommand.self, LogEraseCommand.self],
        defaultSubcommand: LogListCommand.self
    )
}

/// The log folder and its owner's public key, from a home.
struct LogLocation {
    let home: Home
    let directory: String
    let agency: String
    let owner: Ed25519.PublicKey

    init(_ options: HomeOptions) throws {
        home = try options.privateHome()
        directory = home.logDirectory
        guard home.exists else {
            throw CLIError("no identity at \(home.path)", hint: "pass --home DIR, or create one with: sealpost init")
        }
        let card: IdentityCard
        do { card = try home.card() } catch { throw CLIError(error) }
        do { owner = try card.verified().signingKey } catch { throw CLIError(error) }
        agency = card.agencyID
    }

    /// The log; its sealed details opened when `identity` is given (else facts only).
    func read(identity: Identity? = nil) throws -> Ledger {
        do { return try Ledger.read(directory: directory, atRest: identity.map(AtRest.init(identity:))) } catch {
            throw CLIError(error.reason, hint: error.hint)
        }
    }
}

extension CLIError {
    init(_ error: LogError) { self.init(error.reason, hint: error.hint) }
}
