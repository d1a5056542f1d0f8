import ArgumentParser
import Foundation
import SealpostAgreement
import SealpostCore
import SealpostLedger
import SealpostLog

struct ImportCardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import-card", abstract: "Trust another agency's card: seal to it by its agency id, and open its envelopes without --from.",
        discussion: """
        A card for an agency already imported with other keys is refused: keys change only when \
        that agency made a new identity, or when someone is impersonating it. Compare the new \
        fingerprint with the agency by phone, then import with --replace, which needs the passphrase: \
        the replacement is recorded in the receipt log (kind card_replaced, both fingerprints) before \
        the new card is written. A card for an agency the agreement in force lists with other keys is \
        refused even with --replace: the agreement every party signed decides, so new keys need its \
        next edition.
        """)

    @OptionGroup var options: HomeOptions

    @Argument(help: "The card file, from that agency's `sealpost export-card`.")
    var card: String

    @Flag(help: "Replace a different card already imported for the same agency (logged).")
    var replace = false

    func run() throws {
        let loaded = try loadCards([card])[0]
        let home = options.resolvedHome
        // Known: an imported contact, else the party the agreement in force lists under that id.
        let known: IdentityCard?
        do { known = try home.contacts().first { $0.agencyID == loaded.agencyID } } catch { throw CLIError(error) }
        let listed = (try? AgreementStore(home: home).inForce())?.agreement.party(loaded.agencyID)?.card
        if let known, known.signingKey != loaded.signingKey || known.boxKey != loaded.boxKey {
            guard replace else {
                throw CLIError("\(loaded.agencyID) is already known under other keys (fingerprint \(known.fingerprint)); this card's fingerprint is \(loaded.fingerprint)",
                               hint: "compare the new fingerprint with \(loaded.agencyID) by phone; if it is theirs, run: sealpost import-card --replace \(card) (recorded in the log)")
            }
            try logReplacement(of: known, by: loaded, home: home)
        } else if known == nil, let listed, listed.signingKey != loaded.signingKey || listed.boxKey != loaded.boxKey {
            // The agreement every party signed names other keys: the exchange will keep trusting those,
            // so a different card here is refused outright (the fix is a new edition of the agreement).
            throw CLIError("\(loaded.agencyID) is listed in the agreement in force with other keys (fingerprint \(listed.fingerprint)); this card's fingerprint is \(loaded.fingerprint)",
                           hint: "if the agency's keys really changed, the partnership makes a new edition of the agreement with its new card (sealpost agreement create --from, add-party --replace, sign, install)")
        }
        do {
            let path = try home.importCard(loaded, replace: replace)
            print("imported \(loaded.agencyID) (\(loaded.name)) to \(path)")
            print("fingerprint: \(loaded.fingerprint)")
            print("Compare this fingerprint with \(loaded.name) by phone or in person before relying on it.")
        } catch { throw CLIError(error) }
    }

    /// Logs `card_replaced` (signed, so the passphrase is needed) before the card is written: a
    /// crash between the two leaves a logged replacement that the next `--replace` completes.
    private func logReplacement(of old: IdentityCard, by new: IdentityCard, home: Home) throws {
        let identity = try options.unlock()
        let now = Date().timeIntervalSince1970
        let at = Int64(now * 1000)
        let facts = CardReplacedFacts(agency: new.agencyID, oldFingerprint: old.fingerprint, newFingerprint: new.fingerprint,
                                      replacedAt: Int64(now))
        var draft = ReceiptEntry.own(Receipt.sign(facts, at: at, by: identity), counterpart: new.agencyID)
        draft.details["actor"] = .object(ActorDetails.commandLine.json)
        do {
            _ = try ReceiptLog(directory: home.logDirectory, identity: identity).append([draft], at: at)
        } catch {
            throw CLIError("cannot record the replacement in the receipt log: \(error.reason)",
                           hint: error.hint ?? "check that \(home.logDirectory) is writable; the old card is still the one trusted")
        }
        printError("sealpost: recorded in the receipt log: the card of \(new.agencyID) replaced (sealpost log --kind card_replaced)")
    }
}
