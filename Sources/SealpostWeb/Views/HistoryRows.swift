import SealpostLedger

/// One receipt-log decision in words, as a summary list's rows: the subject report and a log
/// entry's page show the same rows from the same `HistoryEvent`, so a practitioner and a data
/// subject read a decision the same way. Other people appear only as their tokens.
enum HistoryRows {
    static func rows(_ e: HistoryEvent) -> [RecordView.Row] {
        var rows: [RecordView.Row] = []
        if let purpose = e.purpose { rows.append(.init(key: "Purpose", value: purpose + (e.purposeName.map { " (\($0))" } ?? ""))) }
        if let basis = e.lawfulBasis { rows.append(.init(key: "Lawful basis", value: basis)) }
        if let consent = e.consent { rows.append(.init(key: "Consent", value: consent.replacingOccurrences(of: "_", with: " "))) }
        if let told = e.familyTold { rows.append(.init(key: "Family told", value: told)) }
        if let urgency = e.urgency, !urgency.isEmpty { rows.append(.init(key: "Urgency", value: urgency)) }
        if !e.shared.isEmpty { rows.append(.init(key: "Shared", value: e.shared.joined(separator: ", "))) }
        if !e.withheld.isEmpty {
            rows.append(.init(key: "Withheld", value: e.withheld.map { "\($0.path) (\($0.reason))" }.joined(separator: ", ")))
        }
        if !e.protectedTokens.isEmpty { rows.append(.init(key: "Other people protected", value: e.protectedTokens.joined(separator: ", "))) }
        if !e.declineReasons.isEmpty { rows.append(.init(key: "Reasons", value: e.declineReasons.joined(separator: ", "))) }
        if let status = e.status { rows.append(.init(key: "Status", value: status)) }
        if e.answersRequest { rows.append(.init(key: "In answer to", value: "a request for information")) }
        if let actor = e.actor {
            rows.append(.init(key: e.isOwnDecision ? "Decided by" : "Recorded by", value: actor.name + (actor.role.map { " (\($0))" } ?? "")))
        }
        return rows
    }
}
