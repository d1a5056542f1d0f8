import SealpostJSON

/// How strictly a record is read, and the rules that span more than one field.
public enum RecordValidation {
    public enum Mode: String, Sendable, Hashable, CaseIterable {
        /// Everything a send needs: `id`, `author`, `subject`, `narrative`, `statements`, `concern`,
        /// `purpose`, `lawful_basis` and `consent`, plus an Article 9 condition when the record
        /// carries special category data.
        case full
        /// What `sealpost redact` needs: `subject` and `narrative` (with `household` and `parties`
        /// when there are any). Every field that is present is still checked in full.
        case forRedaction = "for_redaction"
    }

    /// The members each mode requires at the top level.
    public static func requiredFields(for mode: Mode) -> [String] {
        switch mode {
        case .full: return ["id", "author", "subject", "narrative", "statements", "concern", "purpose", "lawful_basis", "consent"]
        case .forRedaction: return ["subject", "narrative"]
        }
    }

    static func decode(_ value: JSONValue, mode: Mode) -> (record: SafeguardingRecord?, issues: [RecordIssue]) {
        var d = RecordDecoder()
        let root = JSONPath.root
        guard let o = d.object(value, at: root, describing: "a safeguarding record", fields: SafeguardingRecord.fields) else {
            return (nil, d.issues)
        }
        let required = Set(requiredFields(for: mode))
        func needs(_ key: String) -> Bool { required.contains(key) }

        let id = d.text(o, "id", at: root, rule: .identifier, required: needs("id"))
        let author = d.member(o, "author", at: root, required: needs("author")).flatMap {
            SafeguardingRecord.Author.decode($0, at: root.appending("author"), with: &d)
        }
        let subject = d.member(o, "subject", at: root, required: true).flatMap {
            SafeguardingRecord.Subject.decode($0, at: root.appending("subject"), with: &d)
        }
        let household = list(o, "household", maxCount: RecordLimits.householdCount, with: &d,
                             SafeguardingRecord.HouseholdMember.decode)
        let parties = list(o, "parties", maxCount: RecordLimits.partyCount, with: &d, SafeguardingRecord.Party.decode)
        let narrative = d.text(o, "narrative", at: root, rule: .multiline(maxLength: nil), required: true)
        // Outer nil: the statements had an issue. Inner nil: not given.
        let statements: [SafeguardingRecord.Statement]??
        if d.member(o, "statements", at: root, required: needs("statements")) == nil {
            statements = .some(nil)
        } else {
            statements = list(o, "statements", maxCount: RecordLimits.statementCount, with: &d,
                              SafeguardingRecord.Statement.decode).map { .some($0) }
        }
        let concern = d.member(o, "concern", at: root, required: needs("concern")).flatMap {
            SafeguardingRecord.Concern.decode($0, at: root.appending("concern"), with: &d)
        }
        let purpose = d.text(o, "purpose", at: root, rule: .line, required: needs("purpose"))
        let lawfulBasis = d.member(o, "lawful_basis", at: root, required: needs("lawful_basis")).flatMap {
            SafeguardingRecord.LawfulBasis.decode($0, at: root.appending("lawful_basis"), with: &d)
        }
        let consent = d.member(o, "consent", at: root, required: needs("consent")).flatMap {
            SafeguardingRecord.Consent.decode($0, at: root.appending("consent"), with: &d)
        }

        checkUniqueIDs(o, with: &d)
        checkConsentBasis(o, with: &d)
        if mode == .full { checkSpecialCategory(value, with: &d) }

        guard d.issues.isEmpty, let subject, let household, let parties, let narrative, let statements else {
            return (nil, d.issues)
        }
        let record = SafeguardingRecord(id: id, author: author, subject: subject, household: household, parties: parties,
                                        narrative: narrative, statements: statements, concern: concern, purpose: purpose,
                                        lawfulBasis: lawfulBasis, consent: consent)
        return (record, [])
    }

    /// The decoded elements of an optional array member: absent or null is empty; nil after an issue.
    private static func list<T>(_ o: JSONObject, _ key: String, maxCount: Int, with d: inout RecordDecoder,
                                _ decodeElement: (JSONValue, JSONPath, inout RecordDecoder) -> T?) -> [T]? {
        if o[key] == nil || o[key] == .null { return [] }
        guard let elements = d.array(o, key, at: .root, maxCount: maxCount) else { return nil }
        var result: [T] = []
        var ok = true
        for (element, path) in elements {
            if let decoded = decodeElement(element, path, &d) { result.append(decoded) } else { ok = false }
        }
        return ok ? result : nil
    }

    /// Ids name people across `household` and `parties`, so each may appear once across both.
    private static func checkUniqueIDs(_ o: JSONObject, with d: inout RecordDecoder) {
        var firstPath: [String: JSONPath] = [:]
        for key in ["household", "parties"] {
            guard case .array(let people)? = o[key] else { continue }
            for (n, person) in people.enumerated() {
                guard case .string(let id)? = person["id"] else { continue }
                let path = JSONPath.root.appending(key).appending(n).appending("id")
                if let first = firstPath[id] {
                    d.report(.duplicateID, at: path, "is the same id as \(first)",
                             "give each household member and party its own id")
                } else {
                    firstPath[id] = path
                }
            }
        }
    }

    /// Article 6(1)(a) consent is only a basis when consent was given.
    private static func checkConsentBasis(_ o: JSONObject, with d: inout RecordDecoder) {
        guard case .string("consent")? = o["lawful_basis"]?["article_6"],
              case .string(let status)? = o["consent"]?["status"], status != "given" else { return }
        d.report(.consentBasisWithoutConsent, at: JSONPath.root.appending("lawful_basis").appending("article_6"),
                 "is consent, but $.consent.status is not given",
                 "choose the basis the sharing actually rests on, usually public_task or legal_obligation for safeguarding")
    }

    /// A send of special category data needs an Article 9 condition.
    private static func checkSpecialCategory(_ value: JSONValue, with d: inout RecordDecoder) {
        let sources = specialCategorySources(in: value)
        guard let first = sources.first, case .object(let basis)? = value["lawful_basis"],
              basis["article_9"] == nil || basis["article_9"] == .null else { return }
        let more = sources.count > 1 ? " and \(sources.count - 1) more" : ""
        d.report(.specialCategoryConditionMissing, at: JSONPath.root.appending("lawful_basis").appending("article_9"),
                 "is missing, but the record carries special category data (health or sex life) at \(first)\(more)",
                 "add the Article 9 condition, for safeguarding usually safeguarding_of_children_and_individuals_at_risk (DPA 2018 Schedule 1 paragraph 18)")
    }

    static func specialCategorySources(in value: JSONValue) -> [JSONPath] {
        var sources: [JSONPath] = []
        let root = JSONPath.root
        if case .string? = value["subject"]?["nhs_number"] {
            sources.append(root.appending("subject").appending("nhs_number"))
        }
        if case .array(let parties)? = value["parties"] {
            for (n, party) in parties.enumerated() {
                if case .string? = party["nhs_number"] {
                    sources.append(root.appending("parties").appending(n).appending("nhs_number"))
                }
            }
        }
        if case .array(let categories)? = value["concern"]?["categories"] {
            for (n, category) in categories.enumerated() {
                if case .string(let raw) = category, SafeguardingRecord.Concern.Category(rawValue: raw)?.isSpecialCategory == true {
                    sources.append(root.appending("concern").appending("categories").appending(n))
                }
            }
        }
        return sources
    }
}
