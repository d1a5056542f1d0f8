import SealpostExchange

/// One item of waiting work as a table row. Home's sections and the work lists behind its counts
/// (`WorkListPage`) show the same items, so they show them with one type: the agency, purpose and
/// urgency come from the item the same way on both; the page says where the row links, the
/// reference it shows, and when the item is due.
struct WorkRow {
    let href: String
    let reference: String
    /// What kind of work it is, on the lists that mix kinds (nil on Home, whose sections do not).
    let kind: String?
    let agency: String
    let purpose: String
    let urgency: String
    let urgencyTag: String
    let due: String
    let overdue: Bool

    init(_ item: WaitingWork.Item, href: String, reference: String, kind: String? = nil, purposeName: PurposeNames,
         agencyName: AgencyNames, due: String, overdue: Bool) {
        self.href = href
        self.reference = reference
        self.kind = kind
        agency = agencyName(item.agency)
        purpose = purposeName(item.purpose)
        urgency = item.urgency
        urgencyTag = Tags.urgency(item.urgency)
        self.due = due
        self.overdue = overdue
    }
}

extension WorkRow: ViewModel {}
