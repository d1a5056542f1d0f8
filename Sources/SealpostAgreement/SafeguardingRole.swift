/// What a party does in safeguarding. Purposes name the roles that may receive them.
public enum SafeguardingRole: String, CaseIterable, Sendable, Codable {
    case school
    case earlyYears = "early_years"
    case childrensSocialCare = "childrens_social_care"
    case mash
    case police
    case health
    case youthJustice = "youth_justice"
    case probation
    case housing
    case voluntarySector = "voluntary_sector"
    /// Runs the relay: a party so that it may hold ciphertext, never a recipient of records.
    case relayOperator = "relay_operator"

    static var list: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
