/// What kind of identifier a redacted span or structured value is. The raw values are the
/// snake_case names used in summaries and in `spec/redaction.md`.
public enum IdentifierCategory: String, Sendable, Hashable, Codable, CaseIterable, CodingKeyRepresentable {
    case name
    case phone
    case email
    case postcode
    case nhsNumber = "nhs_number"
    case niNumber = "ni_number"
    case dob
    case address
    case vehicle
    case handle
    case workplace

    /// The words used in a withheld-value token, e.g. `[Withheld phone number 1]`.
    var tokenWords: String {
        switch self {
        case .name: "name"
        case .phone: "phone number"
        case .email: "email address"
        case .postcode: "postcode"
        case .nhsNumber: "NHS number"
        case .niNumber: "NI number"
        case .dob: "date of birth"
        case .address: "address"
        case .vehicle: "vehicle registration"
        case .handle: "social media handle"
        case .workplace: "workplace"
        }
    }
}
