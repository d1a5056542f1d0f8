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

        /// The recognised exceptions: seeking consent would ...
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
        }

        public var status: Status
        /// Required when `status` is `not_sought`, and only then.
        public var reason: Exception?

        public init(status: Status, reason: Exception? = nil) {
            self.status = status
            self.reason = reason
        }

        static let fields = ["status", "reason"]

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
            guard let status, !d.hasIssue(under: path) else { return nil }
            return Consent(status: status, reason: reason)
        }

        var jsonValue: JSONValue {
            var o = JSONObject()
            o["status"] = .string(status.rawValue)
            o["reason"] = reason.map { .string($0.rawValue) }
            return .object(o)
        }
    }
}
