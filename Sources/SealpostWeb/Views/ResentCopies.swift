/// Re-sends grouped in the Inbox: a sender that sends the same record again (same record id, a new
/// envelope) shows as one row, the newest copy, listing the earlier copies under it, so a triage
/// list does not show one referral as several. Records without an id are never grouped.
struct ResentCopy {
    let href: String
    let received: String
}

extension [InboxEntryCache.Item] {
    /// The records (newest first) as groups, each a record's copies from one sender, newest first.
    func groupingResends() -> [[InboxEntryCache.Item]] {
        var out: [[InboxEntryCache.Item]] = []
        var index: [String: Int] = [:]
        for item in self {
            guard let recordID = item.entry.recordID else {
                out.append([item])
                continue
            }
            let key = item.entry.sender + "\u{0}" + recordID
            if let i = index[key] {
                out[i].append(item)
            } else {
                index[key] = out.count
                out.append([item])
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
