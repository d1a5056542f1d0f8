import Foundation
import SealpostCore
import SealpostJSON

/// The agreement in force for one home: `HOME/agreement.json`.
///
/// Installing refuses anything that is not fully signed by every active party with valid
/// signatures, anything in which this home's agency is not an active party holding this home's
/// own card (so the home itself must have signed it), anything for another agreement id, and any
/// version lower than the one held (the same version is accepted only with identical bytes). The
/// file is replaced atomically, so a refused or failed install leaves the current agreement in force.
public struct AgreementStore: Sendable {
    public let home: Home

    public init(home: Home) { self.home = home }

    public var path: String { home.agreementPath }

    /// The installed agreement, if any.
    public func current() throws(AgreementError) -> SignedAgreement? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        return try SignedAgreement.load(path: path)
    }

    /// The agreement in force, or a message saying how to install one.
    public func inForce() throws(AgreementError) -> SignedAgreement {
        guard let agreement = try current() else {
            throw AgreementError("no agreement is installed in \(home.path)",
                                 hint: "install the partnership's signed agreement with: sealpost agreement install FILE")
        }
        return agreement
    }

    public enum InstallOutcome: Equatable, Sendable { case installed, alreadyInstalled }

    /// Puts `candidate` in force in this home, whose own identity card is `card`.
    @discardableResult
    public func install(_ candidate: SignedAgreement, as card: IdentityCard) throws(AgreementError) -> InstallOutcome {
        let agencyID = card.agencyID
        let check = candidate.verify()
        guard check.invalid.isEmpty else {
            throw AgreementError("agreement \(candidate.agreement.id) version \(candidate.agreement.version) has signatures that do not verify: \(check.invalid.joined(separator: ", "))",
                                 hint: "the file was altered or signed by someone who is not an active party; do not install it")
        }
        guard check.missing.isEmpty else {
            throw AgreementError("agreement \(candidate.agreement.id) version \(candidate.agreement.version) is not in force: not yet signed by \(check.missing.joined(separator: ", "))",
                                 hint: "every active party must sign it (sealpost agreement sign) before it can be installed")
        }
        guard let own = candidate.agreement.party(agencyID) else {
            throw AgreementError("\(agencyID) is not a party to agreement \(candidate.agreement.id)",
                                 hint: "install only an agreement your agency is a party to")
        }
        // Without these two checks anyone could put an edition in force here by listing this
        // agency as revoked (so its signature is not needed) or under a card of their own.
        guard own.status == .active else {
            throw AgreementError("\(agencyID) is revoked in agreement \(candidate.agreement.id) version \(candidate.agreement.version), so this home cannot put it in force",
                                 hint: "only an active party installs an agreement; the one installed stays in force here")
        }
        guard own.card.signingKey == card.signingKey, own.card.boxKey == card.boxKey else {
            throw AgreementError("agreement \(candidate.agreement.id) version \(candidate.agreement.version) lists a different card for \(agencyID) than this home's",
                                 hint: "an edition your own keys did not sign may be forged; do not install it, and ask the partnership for the agreement with your current card")
        }
        if let held = try current() {
            guard held.agreement.id == candidate.agreement.id else {
                throw AgreementError("agreement \(held.agreement.id) is in force; this file is agreement \(candidate.agreement.id)",
                                     hint: "a home holds one agreement; use another --home for another partnership")
            }
            if held.agreement.version == candidate.agreement.version {
                if held.agreement.canonicalBytes == candidate.agreement.canonicalBytes { return .alreadyInstalled }
                throw AgreementError("a different agreement \(held.agreement.id) version \(held.agreement.version) is already in force",
                                     hint: "a changed agreement needs a higher version")
            }
            guard candidate.agreement.version > held.agreement.version else {
                throw AgreementError("refusing to roll agreement \(held.agreement.id) back from version \(held.agreement.version) to \(candidate.agreement.version)",
                                     hint: "version \(held.agreement.version) stays in force")
            }
        }
        do { try AtomicFile.write(candidate.fileBytes, to: path, mode: 0o644) } catch {
            throw AgreementError("cannot write \(path): \(error.reason)")
        }
        return .installed
    }
}
