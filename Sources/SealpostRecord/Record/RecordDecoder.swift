import SealpostJSON

/// Reads record JSON into the model, field by field, collecting every issue instead of stopping
/// at the first.
///
/// Each model type reads itself with these helpers (`Subject.decode(_:at:with:)` and so on). A
/// helper that finds a problem records an issue and returns nil, so decoding carries on and the
/// practitioner sees every problem at once. A member that is absent and one that is `null` mean the
/// same: not given.
struct RecordDecoder {
    private(set) var issues: [RecordIssue] = []

    mutating func report(_ code: RecordIssue.Code, at path: JSONPath, _ problem: String, _ fix: String) {
        issues.append(RecordIssue(code, path: path, problem: problem, fix: fix))
    }

    /// Whether any issue lies at or under `path`.
    func hasIssue(under path: JSONPath) -> Bool {
        issues.contains { $0.path.hasPrefix(path) }
    }

    /// `value` as an object whose member names are all in `fields`; reports the type or each unknown member.
    mutating func object(_ value: JSONValue, at path: JSONPath, describing what: String, fields: [String]) -> JSONObject? {
        guard case .object(let object) = value else {
            report(.wrongType, at: path, "must be an object (\(what)) but is \(value.typeDescription)",
                   "write it as { ... } with the members listed in spec/record.md")
            return nil
        }
        for member in object.members where !fields.contains(member.key) {
            report(.unknownField, at: path.appending(member.key), "is not a field of \(what)",
                   "remove it or correct its spelling; the fields are " + fields.joined(separator: ", "))
        }
        return object
    }

    /// The member's value, or nil when absent or null; reports a missing or null required member.
    mutating func member(_ object: JSONObject, _ key: String, at path: JSONPath, required: Bool) -> JSONValue? {
        let value = object[key]
        switch value {
        case nil:
            if required {
                report(.missingField, at: path.appending(key), "is required but missing", "add \(key) to \(path)")
            }
            return nil
        case .null?:
            if required {
                report(.nullNotAllowed, at: path.appending(key), "is required and may not be null", "give a value for \(key)")
            }
            return nil
        default:
            return value
        }
    }

    /// A string member checked against `rule`.
    mutating func text(_ object: JSONObject, _ key: String, at path: JSONPath, rule: TextRule, required: Bool = false) -> String? {
        guard let value = member(object, key, at: path, required: required) else { return nil }
        return text(value, at: path.appending(key), rule: rule)
    }

    mutating func text(_ value: JSONValue, at path: JSONPath, rule: TextRule) -> String? {
        guard case .string(let string) = value else {
            report(.wrongType, at: path, "must be a string but is \(value.typeDescription)",
                   "write the value in double quotes, or use null when it is not known")
            return nil
        }
        if let failure = rule.check(string) {
            report(failure.code, at: path, failure.problem, failure.fix)
            return nil
        }
        return string
    }

    mutating func bool(_ object: JSONObject, _ key: String, at path: JSONPath) -> Bool? {
        guard let value = member(object, key, at: path, required: false) else { return nil }
        guard case .bool(let b) = value else {
            report(.wrongType, at: path.appending(key), "must be true, false or null but is \(value.typeDescription)",
                   "write true or false without quotes, or null when it is not known")
            return nil
        }
        return b
    }

    /// A string member that must be one of `E`'s raw values.
    mutating func choice<E: RawRepresentable & CaseIterable>(
        _ object: JSONObject, _ key: String, at path: JSONPath, required: Bool = false, as _: E.Type = E.self
    ) -> E? where E.RawValue == String {
        guard let value = member(object, key, at: path, required: required) else { return nil }
        return choice(value, at: path.appending(key), as: E.self)
    }

    mutating func choice<E: RawRepresentable & CaseIterable>(_ value: JSONValue, at path: JSONPath, as _: E.Type) -> E?
    where E.RawValue == String {
        let allowed = E.allCases.map(\.rawValue).joined(separator: ", ")
        guard case .string(let string) = value else {
            report(.wrongType, at: path, "must be a string but is \(value.typeDescription)", "use one of: \(allowed)")
            return nil
        }
        guard let result = E(rawValue: string) else {
            report(.notAllowedValue, at: path, "is not one of the allowed values", "use one of: \(allowed) (lower case, exactly)")
            return nil
        }
        return result
    }

    /// An array member's elements with their paths; reports a wrong type or too many elements.
    mutating func array(_ object: JSONObject, _ key: String, at path: JSONPath, required: Bool = false, maxCount: Int) -> [(JSONValue, JSONPath)]? {
        guard let value = member(object, key, at: path, required: required) else { return nil }
        return array(value, at: path.appending(key), maxCount: maxCount)
    }

    mutating func array(_ value: JSONValue, at path: JSONPath, maxCount: Int) -> [(JSONValue, JSONPath)]? {
        guard case .array(let elements) = value else {
            report(.wrongType, at: path, "must be an array but is \(value.typeDescription)",
                   "write it as [ ... ], or use null when there is nothing to give")
            return nil
        }
        guard elements.count <= maxCount else {
            report(.tooMany, at: path, "has \(elements.count) elements, more than the limit of \(maxCount)",
                   "split the record, or keep only what this referral needs")
            return nil
        }
        return elements.enumerated().map { ($0.element, path.appending($0.offset)) }
    }

    /// A list of names (`aka`): absent or null is empty; each element a name, no repeats.
    mutating func names(_ object: JSONObject, _ key: String, at path: JSONPath) -> [String]? {
        guard let elements = array(object, key, at: path, maxCount: RecordLimits.akaCount) else {
            return object[key] == nil || object[key] == .null ? [] : nil
        }
        var names: [String] = []
        var ok = true
        for (element, elementPath) in elements {
            guard let name = text(element, at: elementPath, rule: .name) else { ok = false; continue }
            if names.contains(name) {
                report(.duplicateValue, at: elementPath, "repeats an earlier name in the list", "list each name once")
                ok = false
            }
            names.append(name)
        }
        return ok ? names : nil
    }
}
