import ArgumentParser
import Foundation
import SealpostAgreement
import SealpostCore
import SealpostRecord

struct AgreementCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agreement",
        abstract: "Draft, sign, verify and install the partnership's data-sharing agreement.",
        discussion: """
        A draft is made with `create`, filled with `add-party`, `add-purpose` and (optionally) \
        `set-deadlines`, and signed by every active party with `sign` (any change drops the \
        signatures). `verify` lists who has not signed. `install` puts a fully signed agreement \
        in force in this home, never an older version.
        """,
        subcommands: [AgreementCreate.self, AgreementAddParty.self, AgreementAddPurpose.self, AgreementSetDeadlines.self, AgreementSign.self,
                      AgreementVerify.self, AgreementShow.self, AgreementInstall.self])
}

/// Loads an agreement file for a command, as a CLIError on failure.
func loadAgreement(_ path: String) throws -> SignedAgreement {
    do { return try SignedAgreement.load(path: path) } catch { throw CLIError(error) }
}

/// Writes an agreement file (atomically when it is a regular file: `OutputFile`).
func saveAgreement(_ agreement: SignedAgreement, to path: String) throws {
    try writeOutput(agreement.fileBytes, to: path, mode: 0o644)
}

func parseDate(_ text: String, option: String) throws -> CalendarDate {
    guard let date = CalendarDate(iso: text) else { throw CLIError("\(option) \(text) is not a date", hint: "write it as YYYY-MM-DD") }
    return date
}

extension CLIError {
    init(_ error: AgreementError) { self.init(error.message, hint: error.hint) }
}

struct AgreementCreate: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create", abstract: "Start a draft agreement, or the next version of one.")

    @Option(help: "The agreement's id, such as kingsbridge-dsa.") var id: String?
    @Option(help: "Its title.") var title: String?
    @Option(help: "First day it applies (YYYY-MM-DD).") var validFrom: String
    @Option(help: "Last day it applies (YYYY-MM-DD).") var validUntil: String
    @Option(help: ArgumentHelp("The partnership's relay URL; repeat it for each instance of a relay run on several machines, in order of preference (up to 8). With --from, replaces the earlier edition's relays.",
                               valueName: "URL"))
    var relay: [String] = []
    @Option(help: "Start from this agreement: same id, parties and purposes, version + 1, no signatures.") var from: String?
    @Option(name: .shortAndLong, help: "Where to write the draft.") var output: String

    func run() throws {
        let start = try parseDate(validFrom, option: "--valid-from")
        let end = try parseDate(validUntil, option: "--valid-until")
        try checkRelayURLs(relay)
        do {
            let draft: Agreement
            if let from {
                let previous = try loadAgreement(from).agreement
                draft = try Agreement(id: previous.id, version: previous.version + 1, title: title ?? previous.title,
                                      validFrom: start, validUntil: end, relays: relay.isEmpty ? previous.relays : relay,
                                      parties: previous.parties, purposes: previous.purposes,
                                      responseDeadlines: previous.responseDeadlines)
            } else {
                guard let id, let title else { throw CLIError("name the new agreement with --id and --title", hint: "or start from an existing one with --from FILE") }
                draft = try Agreement(id: id, version: 1, title: title, validFrom: start, validUntil: end, relays: relay)
            }
            try saveAgreement(SignedAgreement(agreement: draft), to: output)
            print("wrote draft agreement \(draft.id) version \(draft.version) to \(output)")
        } catch let error as AgreementError {
            throw CLIError(error)
        }
    }
}

/// Each `--relay` must be a URL a client can use (https, or plain http to this machine), and no
/// relay may be named twice: caught when the draft is made, not when a client first fails to connect.
func checkRelayURLs(_ urls: [String]) throws {
    guard urls.count <= 8 else {
        throw CLIError("\(urls.count) --relay options: an agreement names at most 8 relay instances", hint: "list the instances clients should try, in order of preference")
    }
    var seen: [RelayURL: Int] = [:]
    for (i, text) in urls.enumerated() {
        let url: RelayURL
        do { url = try RelayURL(parsing: text) } catch { throw CLIError(error.message(for: "--relay", text: text), hint: error.fix) }
        if let first = seen[url] {
            throw CLIError("--relay \(Printable.escape(text)) names the same relay as --relay \(Printable.escape(urls[first])) (\(url))",
                           hint: "give each relay instance once")
        }
        seen[url] = i
    }
}

struct AgreementAddParty: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add-party", abstract: "Add a party (its card and role) to a draft; drops signatures.")

    @Argument(help: "The agreement file.") var file: String
    @Option(help: "The party's identity card.") var card: String
    @Option(help: "Its role: \(SafeguardingRole.allCases.map(\.rawValue).joined(separator: ", ")).") var role: String
    @Option(help: "active or revoked.") var status = "active"
    @Flag(help: "Replace the party's existing entry (new card, role or status).") var replace = false

    func run() throws {
        guard let role = SafeguardingRole(rawValue: role) else {
            throw CLIError("unknown role \(role)", hint: "use one of \(SafeguardingRole.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard let status = AgreementParty.Status(rawValue: status) else { throw CLIError("--status must be active or revoked") }
        let party = AgreementParty(card: try loadCards([card])[0], role: role, status: status)
        var signed = try loadAgreement(file)
        let dropped = signed.signatures.count
        do {
            try signed.edit { (a: inout Agreement) throws(AgreementError) in
                if let index = a.parties.firstIndex(where: { $0.agencyID == party.agencyID }) {
                    guard replace else { throw AgreementError("\(party.agencyID) is already a party", hint: "pass --replace to change its entry") }
                    a.parties[index] = party
                } else {
                    a.parties.append(party)
                }
            }
        } catch { throw CLIError(error) }
        try saveAgreement(signed, to: file)
        print("\(party.agencyID) (\(party.name)) is a party as \(role.rawValue), \(status.rawValue); fingerprint \(party.card.fingerprint)")
        if dropped > 0 { print("the document changed, so its \(Display.count(dropped, "signature")) \(dropped == 1 ? "was" : "were") removed; every party must sign again") }
    }
}

struct AgreementAddPurpose: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add-purpose", abstract: "Add a purpose with its lawful bases and recipients; drops signatures.")

    @Argument(help: "The agreement file.") var file: String
    @Option(help: "The purpose's id, such as child_protection_enquiry_s47.") var id: String
    @Option(help: "Its name, such as \"Child protection enquiry (Children Act 1989 s47)\".") var name: String
    @Option(help: "A UK GDPR Article 6 basis (repeatable), such as public_task.") var lawfulBasis: [String] = []
    @Option(help: ArgumentHelp("ROLE=FIELD,FIELD...: a role that may receive it and the record fields it may receive (repeatable).", valueName: "ROLE=FIELDS"))
    var recipient: [String] = []

    func run() throws {
        var bases: [SafeguardingRecord.LawfulBasis.Article6] = []
        for text in lawfulBasis {
            guard let basis = SafeguardingRecord.LawfulBasis.Article6(rawValue: text) else {
                throw CLIError("unknown lawful basis \(text)", hint: "use one of \(SafeguardingRecord.LawfulBasis.Article6.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            bases.append(basis)
        }
        var recipients: [AgreementPurpose.Recipient] = []
        for spec in recipient {
            let parts = spec.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, let role = SafeguardingRole(rawValue: parts[0]) else {
                throw CLIError("--recipient \(spec) is not ROLE=FIELD,FIELD", hint: "for example childrens_social_care=subject,household,narrative")
            }
            var fields: [FieldPath] = []
            for name in parts[1].split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
                guard let field = FieldPath(name) else {
                    throw CLIError("\(name) is not a record field path", hint: "see spec/record.md; for example subject.dob or parties[].role")
                }
                fields.append(field)
            }
            recipients.append(.init(role: role, fields: fields))
        }
        guard !bases.isEmpty, !recipients.isEmpty else { throw CLIError("give at least one --lawful-basis and one --recipient") }
        var signed = try loadAgreement(file)
        do {
            let purpose = AgreementPurpose(id: id, name: name, lawfulBases: bases, recipients: recipients)
            try signed.edit { (a: inout Agreement) throws(AgreementError) in
                guard a.purpose(purpose.id) == nil else { throw AgreementError("purpose \(purpose.id) already exists") }
                a.purposes.append(purpose)
            }
        } catch { throw CLIError(error) }
        try saveAgreement(signed, to: file)
        print("added purpose \(id) for \(recipients.map(\.role.rawValue).joined(separator: ", "))")
    }
}
