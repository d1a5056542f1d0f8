import SealpostJSON

extension SafeguardingRecord {
    /// Whether consent to share was sought, and why not when it was not.
    ///
    /// Consent is not needed to share information to protect a child, but the guidance asks
    /// practitioners to engage the child and family where it is safe and practicable, and to
    /// record the reason when they do not.
    public struct Consent: Sendable, Hashable {
        public enum Status: String, Sendable, Hashable, CaseIterable {
            /// Asked for; no answer yet.
            case sought
            case given
            /// Refused. Sharing may still go ahead where a child is at risk; the refusal is recorded.
            case refused
            /// Deliberately not asked; `reason` says which exception applies.
            case notSought = "not_sought"
        }

        /// The recognised exceptions: seeking consent would ... (all but `statutoryDuty`, which says
        /// consent is not what the sharing rests on).
        public enum Exception: String, Sendable, Hashable, CaseIterable {
            /// ... place the child or others at increased risk of significant harm.
            case increasedRiskOfHarm = "increased_risk_of_harm"
            /// ... place an adult at significant risk of serious harm.
            case adultAtRiskOfSeriousHarm = "adult_at_risk_of_serious_harm"
            /// ... undermine the prevention, detection or prosecution of a serious crime.
            case preventionOrDetectionOfSeriousCrime = "prevention_or_detection_of_serious_crime"
            /// ... undermine the ability to seek legal advice or to conduct legal or other regulatory proceedings.
            case undermineLegalProceedings = "undermine_legal_proceedings"
            /// ... cause a delay which could place the child at increased risk of harm.
            case undueDelay = "undue_delay"
            /// It is not practicable to seek it: the person cannot be reached or cannot consent.
            case notPracticable = "not_practicable"
            /// Consent is not sought because the law requires the information to be shared: a
            /// statutory transfer, such as a child protection file moving with a pupil to a new
            /// school (Keeping Children Safe in Education; the Education (Pupil Information)
            /// (England) Regulations 2005). The family is told, not asked. A reason for consent
            /// only: never for not telling the family.
            case statutoryDuty = "statutory_duty"

            /// The reasons a family may not be told (every exception but `statutoryDuty`).
            public static var familyReasons: [Exception] { allCases.filter { $0 != .statutoryDuty } }
        }

        /// Whether the child and family were told that information is shared, as the guidance asks
        /// where it is safe: told, to be told (and by whom), or not told (and why, from the same
        /// exceptions as consent).
        public struct Family: Sendable, Hashable {
            public enum Status: String, Sendable, Hashable, CaseIterable {
                case told
                case willBeTold = "will_be_told"
                case notTold = "not_told"
            }

            public var status: Status
            /// Who will tell them: required when `status` is `will_be_told`, and only then.
            public var by: String?
            /// Why they are not told: required when `status` is `not_told`, and only then.
            public var reason: Exception?

            public init(status: Status, by: String? = nil, reason: Exception? = nil) {
                (self.status, self.by, self.reason) = (status, by, reason)
            }

            static let fields = ["status", "by", "reason"]

            static func decode(_ value: JSONValue, at path: JSONPath, with d: inout RecordDecoder) -> Family? {
                guard let o = d.object(value, at: path, describing: "whether the family was told", fields: fields) else { return nil }
                let status = d.choice(o, "status", at: path, required: true, as: Status.self)
                let by = d.text(o, "by", at: path, rule: .line)
                let reason = d.choice(o, "reason", at: path, as: Exception.self)
                if status == .willBeTold, by == nil, !d.hasIssue(under: path.appending("by")) {
                    d.report(.familyDetailMissing, at: path.appending("by"), "is required when the family will be told",
                             "say who will tell them, such as \"the class teacher\" or \"MASH social worker\"")
                }
                if let status, status != .willBeTold, by != nil {
                    d.report(.familyDetailNotApplicable, at: path.appending("by"), "is given but the status is \(status.rawValue), not will_be_told",
                             "remove it, or set status to will_be_told")
                }
                let reasons = Exception.familyReasons.map(\.rawValue).joined(separator: ", ")
                if reason == .statutoryDuty {
                    d.report(.familyDetailNotApplicable, at: path.appending("reason"),
                             "is statutory_duty, which says why consent was not sought, not why the family is not told",
                             "a statutory transfer is told to the family: set status to told or will_be_told, or give one of \(reasons)")
                }
                if status == .notTold, reason == nil, !d.hasIssue(under: path.appending("reason")) {
                    d.report(.familyDetailMissing, at: path.appending("reason"), "is required when the family is not told",
                             "record which exception applies: one of \(reasons)")
                }
                if let status, status != .notTold, reason != nil {
                    d.report(.familyDetailNotApplicable, at: path.appending("reason"), "is given but the status is \(status.rawValue), not not_told",
                             "remove it, or set status to not_told")
                }
                guard let status, !d.hasIssue(under: path) else { return nil }
                return Family(status: status, by: by, reason: reason)
            }

            var jsonValue: JSONValue {
                var o = JSONObject()
                o["status"] = .string(status.rawValue)
                o["by"] = by.map(JSONValue.string)
                o["reason"] = reason.map { .string($0.rawValue) }
                return .object(o)
            }
        }

        public var status: Status
        /// Required when `status` is `not_sought`, and only then.
        public var reason: Exception?
        /// Whether the family was told; not given means not recorded.
        public var family: Family?

        public init(status: Status, reason: Exception? = nil, family: Family? = nil) {
            (self.status, self.reason, self.family) = (status, reason, family)
        }

        static let fields = ["status", "reason", "family"]

        static func decode(_ value: JSONValue, at path: JSONPath, with d: inout RecordDecoder) -> Consent? {
            guard let o = d.object(value, at: path, describing: "the consent decision", fields: fields) else { return nil }
            let status = d.choice(o, "status", at: path, required: true, as: Status.self)
            let reason = d.choice(o, "reason", at: path, as: Exception.self)
            let reasons = Exception.allCases.map(\.rawValue).joined(separator: ", ")
            if status == .notSought, reason == nil, !d.hasIssue(under: path.appending("reason")) {
                d.report(.consentReasonMissing, at: path.appending("reason"),
                         "is required when consent was not sought",
                         "record which exception applies: one of \(reasons)")
            }
            if let status, status != .notSought, reason != nil {
                d.report(.consentReasonNotApplicable, at: path.appending("reason"),
                         "is given but consent status is \(status.rawValue), not not_sought",
                         "remove the reason, or set status to not_sought if consent was deliberately not sought")
            }
            var family: Family?
            if let value = o["family"], !value.isNull {
                family = Family.decode(value, at: path.appending("family"), with: &d)
            }
            guard let status, !d.hasIssue(under: path) else { return nil }
            return Consent(status: status, reason: reason, family: family)
        }

        var jsonValue: JSONValue {
            var o = JSONObject()
            o["status"] = .string(status.rawValue)
            o["reason"] = reason.map { .string($0.rawValue) }
            o["family"] = family?.jsonValue
            return .object(o)
        }
    }
}
