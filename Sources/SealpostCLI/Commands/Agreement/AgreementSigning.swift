import ArgumentParser
import Foundation
import SealpostAgreement
import SealpostCore
import SealpostRecord

struct AgreementSign: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "sign", abstract: "Sign the agreement's exact document bytes as this home's agency.")

    @OptionGroup var options: HomeOptions
    @Argument(help: "The agreement file.") var file: String

    func run() throws {
        var signed = try loadAgreement(file)
        let identity = try options.unlock()
        do { try signed.sign(as: identity) } catch { throw CLIError(error) }
        try saveAgreement(signed, to: file)
        let check = signed.verify()
        print("signed agreement \(signed.agreement.id) version \(signed.agreement.version) as \(identity.agencyID)")
        print(check.missing.isEmpty ? "every active party has signed" : "still to sign: \(check.missing.joined(separator: ", "))")
    }
}

struct AgreementVerify: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "verify", abstract: "Check every signature and list the parties who have not signed.")

    @Argument(help: "The agreement file.") var file: String

    func run() throws {
        let signed = try loadAgreement(file)
        let check = signed.verify()
        let a = signed.agreement
        print("agreement \(a.id) version \(a.version), valid \(a.validFrom) to \(a.validUntil)")
        for party in a.parties {
            let state = check.signed.contains(party.agencyID) ? "signed"
                : check.invalid.contains(party.agencyID) ? "SIGNATURE INVALID"
                : party.status == .revoked ? "revoked (no signature needed)" : "NOT SIGNED"
            print("  \(party.agencyID.padding(toLength: 28, withPad: " ", startingAt: 0)) \(party.role.rawValue.padding(toLength: 22, withPad: " ", startingAt: 0)) \(state)")
        }
        for stray in check.invalid where a.party(stray) == nil { print("  \(stray): signature by an agency that is not a party") }
        guard check.isComplete else {
            var problems: [String] = []
            if !check.missing.isEmpty { problems.append("missing signatures from \(check.missing.joined(separator: ", "))") }
            if !check.invalid.isEmpty { problems.append("invalid signatures from \(check.invalid.joined(separator: ", "))") }
            if problems.isEmpty { problems.append("it has no active party to sign it") }
            throw CLIError("the agreement is not in force: \(problems.joined(separator: "; "))",
                           hint: check.invalid.isEmpty ? "each listed party signs with: sealpost agreement sign \(file)"
                               : "a signature that does not verify means the document was altered after signing: get a fresh copy, never install this one")
        }
        print("in force once installed: every active party has signed")
    }
}

struct AgreementShow: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "show", abstract: "Show an agreement: parties, roles, purposes and fields.")

    @OptionGroup var options: HomeOptions
    @Argument(help: "The agreement file (default: the one installed in this home).") var file: String?

    func run() throws {
        let signed: SignedAgreement
        if let file { signed = try loadAgreement(file) } else {
            do { signed = try AgreementStore(home: options.resolvedHome).inForce() } catch { throw CLIError(error) }
        }
        let a = signed.agreement
        print("\(a.title)")
        let relays = a.relays.map(Printable.escape)
        print("id \(a.id), version \(a.version), valid \(a.validFrom) to \(a.validUntil)"
              + (relays.count == 1 ? ", relay \(relays[0])" : relays.isEmpty ? "" : ", relays (in order) \(relays.joined(separator: ", "))"))
        print("\nparties:")
        for p in a.parties {
            print("  \(p.agencyID) — \(p.name) — \(p.role.rawValue), \(p.status.rawValue)")
            print("    fingerprint \(p.card.fingerprint)")
        }
        print("\npurposes:")
        for purpose in a.purposes {
            print("  \(purpose.id) — \(purpose.name); lawful bases: \(purpose.lawfulBases.map(\.rawValue).joined(separator: ", "))")
            for r in purpose.recipients {
                print("    \(r.role.rawValue): \(r.fields.map(\.rawValue).joined(separator: ", "))")
            }
        }
        let d = a.deadlines
        func days(_ map: [SafeguardingRecord.Concern.Urgency: Int64]) -> String {
            SafeguardingRecord.Concern.Urgency.allCases.map { "\($0.rawValue) \(map[$0] ?? 0)" }.joined(separator: ", ")
        }
        print("\ndeadlines (working days\(a.responseDeadlines == nil ? ", the standard ones" : "")): acknowledgement \(days(d.acknowledgement)); "
              + "outcome \(days(d.outcome))" + (d.bankHolidays.isEmpty ? "" : "; bank holidays \(d.bankHolidays.map(\.description).joined(separator: ", "))"))
        let check = signed.verify()
        print("\nsignatures: \(check.signed.count) valid" + (check.missing.isEmpty ? "" : ", missing \(check.missing.joined(separator: ", "))")
              + (check.invalid.isEmpty ? "" : ", INVALID \(check.invalid.joined(separator: ", "))"))
    }
}

struct AgreementInstall: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "install", abstract: "Put a fully signed agreement in force in this home.")

    @OptionGroup var options: HomeOptions
    @Argument(help: "The signed agreement file.") var file: String

    func run() throws {
        let signed = try loadAgreement(file)
        let home = options.resolvedHome
        let card: IdentityCard
        do { card = try home.card() } catch { throw CLIError(error) }
        do {
            switch try AgreementStore(home: home).install(signed, as: card) {
            case .installed: print("agreement \(signed.agreement.id) version \(signed.agreement.version) is now in force in \(home.path)")
            case .alreadyInstalled: print("agreement \(signed.agreement.id) version \(signed.agreement.version) is already in force")
            }
        } catch { throw CLIError(error) }
        if let warning = signed.agreement.validityWarning(on: .today(now: Date().timeIntervalSince1970)) {
            printError("sealpost: warning: \(warning)")
        }
    }
}
