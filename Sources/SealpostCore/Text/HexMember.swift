import SealpostJSON

extension JSONObjectReader {
    /// A member holding `count` bytes as lower-case hex (`Hex`), the one spelling each value has.
    public func hex(_ key: String, count: Int) throws(JSONShapeError) -> [UInt8] {
        guard let bytes = Hex.decode(try string(key), count: count) else {
            throw invalid(key, "must be \(count * 2) lower-case hex digits")
        }
        return bytes
    }

    /// A member holding an agency id (`AgencyID`).
    public func agencyID(_ key: String) throws(JSONShapeError) -> String {
        let text = try string(key)
        guard AgencyID.isValid(text) else {
            throw invalid(key, "is not an agency id", fix: "an agency id is 1-64 of A-Z a-z 0-9 . _ -")
        }
        return text
    }
}
