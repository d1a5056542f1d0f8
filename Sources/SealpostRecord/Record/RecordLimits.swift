import SealpostJSON

/// Size limits on record fields, beyond the parser's (`JSONParser.Limits`: strings of 1 MiB,
/// documents of 16 MiB, nesting 64 deep). Text lengths count Unicode scalars (code points), as
/// JSON Schema's `maxLength` does.
public enum RecordLimits {
    /// `id` and the `id` of each person.
    public static let identifierLength = 64
    /// Names, relationships, gender, school, phone, email, source, purpose.
    public static let lineLength = 256
    /// Addresses (which may span lines).
    public static let addressLength = 512
    /// Each statement's text.
    public static let statementLength = 65_536
    /// Names in one `aka` list.
    public static let akaCount = 20
    public static let householdCount = 100
    public static let partyCount = 500
    public static let statementCount = 1_000
}
