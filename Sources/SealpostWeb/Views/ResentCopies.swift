/// Re-sends grouped in the Inbox: a sender that sends the same record again (same record id, a new
/// envelope) shows as one row, the newest copy, listing the earlier copies under it, so a triage
/// list does not show one referral as several. Records without an id are never grouped.
struct ResentCopy {
    let href: String
    let received: String
}

extension [InboxPage.Row] {
    /// The rows (newest first) with each record's later copies folded into its newest row.
    func groupingResends() -> [InboxPage.Row] {
        var out: [InboxPage.Row] = []
        var index: [String: Int] = [:]
        for row in self {
            guard let recordID = row.recordID else {
                out.append(row)
                continue
            }
            let key = row.from + "\u{0}" + recordID
            if let i = index[key] {
                out[i].copies.append(ResentCopy(href: row.href, received: row.received))
            } else {
                index[key] = out.count
                out.append(row)
            }
        }
        return out
    }
}

extension InboxPage.Row: ViewModel {
    var computed: [String: Any] { ["hasCopies": !copies.isEmpty, "copyCount": copies.count + 1] }
}

enum ResendTemplates {
    static let all: [(String, String)] = [("inbox-resends", resends)]

    static let resends = """
    {{#hasCopies}}<p class="govuk-body sp-resends">Sent {{copyCount}} times. Earlier copies:
      {{#copies}}<a class="govuk-link" href="{{href}}">received {{received}}</a> {{/copies}}</p>{{/hasCopies}}
    """
}
