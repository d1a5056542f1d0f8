import SealpostJSON

extension SafeguardingRecord {
    /// What kind of harm is feared, how serious it is and how fast to act.
    public struct Concern: Sendable, Hashable {
        /// Categories of harm: the four in Working Together (physical, emotional, sexual, neglect)
        /// and the specific forms that partnerships route to specialist teams.
        public enum Category: String, Sendable, Hashable, CaseIterable {
            case physical
            case emotional
            case sexual
            case neglect
            /// Domestic abuse in the household that the child sees, hears or is affected by.
            case domesticAbuse = "domestic_abuse"
            /// Exploitation not covered by a more specific category.
            case exploitation
            /// Child criminal exploitation, including county lines.
            case criminalExploitation = "criminal_exploitation"
            /// Child sexual exploitation.
            case sexualExploitation = "sexual_exploitation"
            /// Trafficking and modern slavery.
            case trafficking
            /// Harm through the internet or devices: grooming, image sharing, harmful content.
            case onlineHarm = "online_harm"
            /// Female genital mutilation.
            case fgm
            case forcedMarriage = "forced_marriage"
            /// So-called honour-based abuse.
            case honourBasedAbuse = "honour_based_abuse"
            /// Radicalisation (Prevent).
            case radicalisation
            case selfHarm = "self_harm"
            /// Missing from home, care or education.
            case missing
            case other

            /// Categories whose details are data concerning health or sex life (UK GDPR Article 9),
            /// so a send needs an Article 9 condition.
            public var isSpecialCategory: Bool {
                switch self {
                case .physical, .sexual, .sexualExploitation, .fgm, .selfHarm: return true
                default: return false
                }
            }
        }

        /// The sender's assessment of risk. There is no level above `high`: immediate danger is
        /// expressed by `urgency: emergency`.
        public enum RiskLevel: String, Sendable, Hashable, CaseIterable {
            case low
            case medium
            case high
        }

        public enum Urgency: String, Sendable, Hashable, CaseIterable {
            /// The child is in immediate danger: police (999) or the emergency duty team are called
            /// first, and the record follows.
            case emergency
            /// Action is needed today.
            case urgent
            /// Within the partnership's normal timescales.
            case routine

            /// Seconds within which a send of this urgency should be acknowledged: 1 hour for an
            /// emergency, 24 hours when urgent, 72 hours when routine (spec/exchange.md §Status).
            public var acknowledgementDeadline: Int64 {
                switch self {
                case .emergency: 3_600
                case .urgent: 86_400
                case .routine: 3 * 86_400
                }
            }

            /// Most urgent first: 0 for an emergency.
            public var rank: Int { Self.allCases.firstIndex(of: self) ?? Self.allCases.count }
        }

        /// At least one, no repeats.
        public var categories: [Category]
        /// Null when not yet assessed.
        public var riskLevel: RiskLevel?
        public var urgency: Urgency

        public init(categories: [Category], riskLevel: RiskLevel? = nil, urgency: Urgency) {
            (self.categories, self.riskLevel, self.urgency) = (categories, riskLevel, urgency)
        }

        static let fields = ["categories", "risk_level", "urgency"]

        static func decode(_ value: JSONValue, at path: JSONPath, with d: inout RecordDecoder) -> Concern? {
            guard let o = d.object(value, at: path, describing: "the concern", fields: fields) else { return nil }
            var categories: [Category]? = nil
            if let elements = d.array(o, "categories", at: path, required: true, maxCount: Category.allCases.count) {
                let categoriesPath = path.appending("categories")
                if elements.isEmpty {
                    d.report(.emptyText, at: categoriesPath, "is empty", "name at least one category of harm")
                } else {
                    var list: [Category] = []
                    for (element, elementPath) in elements {
                        guard let category = d.choice(element, at: elementPath, as: Category.self) else { continue }
                        if list.contains(category) {
                            d.report(.duplicateValue, at: elementPath, "repeats an earlier category", "list each category once")
                        }
                        list.append(category)
                    }
                    if !d.hasIssue(under: categoriesPath) { categories = list }
                }
            }
            let risk = d.choice(o, "risk_level", at: path, as: RiskLevel.self)
            let urgency = d.choice(o, "urgency", at: path, required: true, as: Urgency.self)
            guard let categories, let urgency, !d.hasIssue(under: path) else { return nil }
            return Concern(categories: categories, riskLevel: risk, urgency: urgency)
        }

        var jsonValue: JSONValue {
            var o = JSONObject()
            o["categories"] = .array(categories.map { .string($0.rawValue) })
            o["risk_level"] = riskLevel.map { .string($0.rawValue) }
            o["urgency"] = .string(urgency.rawValue)
            return .object(o)
        }
    }
}
