import SealpostRecord

/// Reads the members of one JSON object, naming each by its path in errors, and refuses members
/// it was not asked about.
struct ObjectReader {
    let object: JSONObject
    let path: JSONPath

    init(_ value: JSONValue, at path: JSONPath) throws(AgreementError) {
        guard let object = value.objectValue else {
            throw AgreementError(at: path, "must be an object, not \(value.typeDescription)")
        }
        self.object = object
        self.path = path
    }

    func only(_ allowed: Set<String>) throws(AgreementError) {
        for key in object.keys where !allowed.contains(key) {
            throw AgreementError(at: path, "has an unknown member (\(key.utf8.count) bytes long)",
                                 fix: "allowed members are \(allowed.sorted().joined(separator: ", "))")
        }
    }

    func value(_ key: String) throws(AgreementError) -> JSONValue {
        guard let value = object[key] else { throw AgreementError(at: path, "is missing \"\(key)\"") }
        return value
    }

    func string(_ key: String) throws(AgreementError) -> String {
        let value = try value(key)
        guard let s = value.stringValue else { throw AgreementError(at: path.appending(key), "must be a string, not \(value.typeDescription)") }
        return s
    }

    func optionalString(_ key: String) throws(AgreementError) -> String? {
        guard let value = object[key], !value.isNull else { return nil }
        guard let s = value.stringValue else { throw AgreementError(at: path.appending(key), "must be a string or null") }
        return s
    }

    func integer(_ key: String) throws(AgreementError) -> Int64 {
        let value = try value(key)
        guard let n = value.numberValue?.int64Value else {
            throw AgreementError(at: path.appending(key), "must be a whole number")
        }
        return n
    }

    func array(_ key: String) throws(AgreementError) -> [JSONValue] {
        let value = try value(key)
        guard let a = value.arrayValue else { throw AgreementError(at: path.appending(key), "must be an array, not \(value.typeDescription)") }
        return a
    }

    func strings(_ key: String) throws(AgreementError) -> [String] {
        var out: [String] = []
        for (i, element) in try array(key).enumerated() {
            guard let s = element.stringValue else { throw AgreementError(at: path.appending(key).appending(i), "must be a string") }
            out.append(s)
        }
        return out
    }

    func date(_ key: String) throws(AgreementError) -> CalendarDate {
        let text = try string(key)
        guard let date = CalendarDate(iso: text) else {
            throw AgreementError(at: path.appending(key), "is not a date", fix: "write it as YYYY-MM-DD")
        }
        return date
    }
}
