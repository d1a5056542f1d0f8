import SealpostJSON

extension SafeguardingRecord {
    /// The lawful basis for sharing under the UK GDPR and the Data Protection Act 2018.
    public struct LawfulBasis: Sendable, Hashable {
        /// UK GDPR Article 6(1): the basis for processing any personal data.
        public enum Article6: String, Sendable, Hashable, CaseIterable {
            /// 6(1)(a). Rarely right for safeguarding: consent must be freely given and can be withdrawn.
            case consent
            /// 6(1)(b).
            case contract
            /// 6(1)(c): a statutory duty, such as a local authority's duties under the Children Act 1989.
            case legalObligation = "legal_obligation"
            /// 6(1)(d): to protect someone's life.
            case vitalInterests = "vital_interests"
            /// 6(1)(e): a task in the public interest or in official authority; most agencies' basis.
            case publicTask = "public_task"
            /// 6(1)(f): not available to public authorities performing their tasks.
            case legitimateInterests = "legitimate_interests"
        }

        /// The UK GDPR Article 9(2) condition, with its DPA 2018 Schedule 1 condition where one is needed.
        public enum Article9: String, Sendable, Hashable, CaseIterable {
            /// 9(2)(a).
            case explicitConsent = "explicit_consent"
            /// 9(2)(b), Schedule 1 paragraph 1.
            case employmentSocialSecurityAndSocialProtection = "employment_social_security_and_social_protection"
            /// 9(2)(c): to protect someone's life where consent cannot be given.
            case vitalInterests = "vital_interests"
            /// 9(2)(f): legal claims and courts acting in their judicial capacity.
            case legalClaims = "legal_claims"
            /// 9(2)(g), Schedule 1 paragraph 6: statutory and government purposes.
            case statutoryAndGovernmentPurposes = "statutory_and_government_purposes"
            /// 9(2)(g), Schedule 1 paragraph 10: preventing or detecting unlawful acts.
            case preventingOrDetectingUnlawfulActs = "preventing_or_detecting_unlawful_acts"
            /// 9(2)(g), Schedule 1 paragraph 18: safeguarding of children and of individuals at risk.
            case safeguardingOfChildrenAndIndividualsAtRisk = "safeguarding_of_children_and_individuals_at_risk"
            /// 9(2)(h), Schedule 1 paragraph 2: health or social care purposes.
            case healthOrSocialCarePurposes = "health_or_social_care_purposes"
            /// 9(2)(i), Schedule 1 paragraph 3: public health.
            case publicHealth = "public_health"
        }

        public var article6: Article6
        /// Required by a send when the record carries special category data (`SafeguardingRecord.specialCategorySources`).
        public var article9: Article9?

        public init(article6: Article6, article9: Article9? = nil) {
            self.article6 = article6
            self.article9 = article9
        }

        static let fields = ["article_6", "article_9"]

        static func decode(_ value: JSONValue, at path: JSONPath, with d: inout RecordDecoder) -> LawfulBasis? {
            guard let o = d.object(value, at: path, describing: "the lawful basis", fields: fields) else { return nil }
            let article6 = d.choice(o, "article_6", at: path, required: true, as: Article6.self)
            let article9 = d.choice(o, "article_9", at: path, as: Article9.self)
            guard let article6, !d.hasIssue(under: path) else { return nil }
            return LawfulBasis(article6: article6, article9: article9)
        }

        var jsonValue: JSONValue {
            var o = JSONObject()
            o["article_6"] = .string(article6.rawValue)
            o["article_9"] = article9.map { .string($0.rawValue) }
            return .object(o)
        }
    }
}
