import Foundation
import Testing
@testable import SealpostRecord

/// spec/record.schema.json must be true to the code: same fields, same required members, same
/// allowed values, and no object that accepts members the code refuses.
@Suite("spec/record.schema.json agrees with the model")
struct RecordSchemaTests {
    let schema: JSONValue

    init() throws {
        let data = try #require(FileManager.default.contents(atPath: repositoryRoot.appendingPathComponent("spec/record.schema.json").path))
        schema = try JSONParser.parse(data)
    }

    /// Follows `$ref`, `allOf` and `anyOf` to the object definition a property points at, if any.
    func objectDefinition(_ value: JSONValue) -> JSONObject? {
        guard case .object(let object) = value else { return nil }
        if object["properties"] != nil { return object }
        if case .string(let ref)? = object["$ref"], ref.hasPrefix("#/$defs/") {
            return schema["$defs"]?[String(ref.dropFirst(8))].flatMap(objectDefinition)
        }
        for key in ["allOf", "anyOf", "items"] {
            if case .array(let options)? = object[key] {
                for option in options { if let found = objectDefinition(option) { return found } }
            } else if let inner = object[key], let found = objectDefinition(inner) {
                return found
            }
        }
        return nil
    }

    func schemaPaths() -> (paths: [String], closed: Bool) {
        var paths: [String] = []
        var closed = true
        func walk(_ object: JSONObject, prefix: String) {
            if object["additionalProperties"] != .bool(false) { closed = false }
            guard case .object(let properties)? = object["properties"] else { return }
            for member in properties.members {
                let path = prefix + member.key
                paths.append(path)
                guard let inner = objectDefinition(member.value) else { continue }
                let isArray = member.value["items"] != nil || member.value["type"] == "array"
                walk(inner, prefix: path + (isArray ? "[]." : "."))
            }
        }
        walk(schema.objectValue!, prefix: "")
        return (paths, closed)
    }

    @Test func isDraft2020() {
        #expect(schema["$schema"] == "https://json-schema.org/draft/2020-12/schema")
    }

    @Test func topLevelFieldsMatchTheModel() {
        let keys = schema["properties"]?.objectValue?.keys
        #expect(keys == SafeguardingRecord.fields)
        let required = schema["required"]?.arrayValue?.compactMap(\.stringValue)
        #expect(required == RecordValidation.requiredFields(for: .full))
    }

    @Test func everyFieldPathMatchesTheCatalogue() {
        let (paths, closed) = schemaPaths()
        #expect(paths == FieldPath.catalogue.map(\.rawValue))
        #expect(closed, "every object in the schema sets additionalProperties: false")
    }

    @Test func allowedValuesMatchTheEnums() {
        let defs = schema["$defs"]
        func values(_ value: JSONValue?) -> [String] { value?["enum"]?.arrayValue?.compactMap(\.stringValue) ?? [] }
        typealias R = SafeguardingRecord
        #expect(values(defs?["party"]?["properties"]?["role"]) == R.PartyRole.allCases.map(\.rawValue))
        #expect(values(defs?["statement"]?["properties"]?["kind"]) == R.Statement.Kind.allCases.map(\.rawValue))
        #expect(values(defs?["statement"]?["properties"]?["time"]) == R.Statement.Time.allCases.map(\.rawValue))
        #expect(values(defs?["concern"]?["properties"]?["categories"]?["items"]) == R.Concern.Category.allCases.map(\.rawValue))
        #expect(values(defs?["concern"]?["properties"]?["risk_level"]) == R.Concern.RiskLevel.allCases.map(\.rawValue))
        #expect(values(defs?["concern"]?["properties"]?["urgency"]) == R.Concern.Urgency.allCases.map(\.rawValue))
        #expect(values(defs?["lawful_basis"]?["properties"]?["article_6"]) == R.LawfulBasis.Article6.allCases.map(\.rawValue))
        #expect(values(defs?["lawful_basis"]?["properties"]?["article_9"]) == R.LawfulBasis.Article9.allCases.map(\.rawValue))
        #expect(values(defs?["consent"]?["properties"]?["status"]) == R.Consent.Status.allCases.map(\.rawValue))
        #expect(values(defs?["consent"]?["properties"]?["reason"]) == R.Consent.Exception.allCases.map(\.rawValue))
        #expect(values(defs?["family"]?["properties"]?["status"]) == R.Consent.Family.Status.allCases.map(\.rawValue))
        #expect(values(defs?["family"]?["properties"]?["reason"]) == R.Consent.Exception.familyReasons.map(\.rawValue))
    }

    @Test func requiredMembersOfEachObjectMatchTheCode() {
        // For each definition, removing a member the schema lists as required must give a missing_field issue.
        let defs = schema["$defs"]!
        let cases: [(def: String, keys: [String])] = [
            ("author", ["author"]), ("subject", ["subject"]), ("household_member", ["household", "0"]), ("party", ["parties", "0"]),
            ("statement", ["statements", "0"]), ("concern", ["concern"]), ("lawful_basis", ["lawful_basis"]),
            ("consent", ["consent"]),
        ]
        let full = fullyPopulatedRecord().jsonValue
        for (def, keys) in cases {
            let required = defs[def]?["required"]?.arrayValue?.compactMap(\.stringValue) ?? []
            #expect(!required.isEmpty, "\(def)")
            let properties = defs[def]?["properties"]?.objectValue?.keys ?? []
            for key in properties {
                let issues = recordIssues(removing(full, keys + [key]))
                let missing = issues.contains { $0.code == .missingField && $0.path.components.last == .key(key) }
                #expect(missing == required.contains(key), "\(def).\(key)")
            }
        }
    }

    @Test func limitsMatch() {
        let defs = schema["$defs"]
        #expect(defs?["line"]?["maxLength"] == .number(JSONNumber(RecordLimits.lineLength)))
        #expect(defs?["identifier"]?["maxLength"] == .number(JSONNumber(RecordLimits.identifierLength)))
        #expect(defs?["address"]?["maxLength"] == .number(JSONNumber(RecordLimits.addressLength)))
        #expect(defs?["names"]?["maxItems"] == .number(JSONNumber(RecordLimits.akaCount)))
        #expect(schema["properties"]?["household"]?["maxItems"] == .number(JSONNumber(RecordLimits.householdCount)))
        #expect(schema["properties"]?["parties"]?["maxItems"] == .number(JSONNumber(RecordLimits.partyCount)))
        #expect(schema["properties"]?["statements"]?["maxItems"] == .number(JSONNumber(RecordLimits.statementCount)))
        #expect(defs?["statement"]?["properties"]?["text"]?["maxLength"] == .number(JSONNumber(RecordLimits.statementLength)))
    }

    /// `value` without the member at `keys` (numeric keys index arrays).
    func removing(_ value: JSONValue, _ keys: [String]) -> JSONValue {
        guard let key = keys.first else { return value }
        switch value {
        case .object(var object):
            if keys.count == 1 { object[key] = nil } else if let inner = object[key] { object[key] = removing(inner, Array(keys.dropFirst())) }
            return .object(object)
        case .array(var elements):
            if let n = Int(key), elements.indices.contains(n) { elements[n] = removing(elements[n], Array(keys.dropFirst())) }
            return .array(elements)
        default:
            return value
        }
    }
}
