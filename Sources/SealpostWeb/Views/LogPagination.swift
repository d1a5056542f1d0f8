import Hummingbird
import SealpostLedger

/// Pages of a long list (the receipt log; the Inbox's records opened here). The receipt log page shows the newest `size` matching entries, then GOV.UK pagination: a log of
/// 10,000 entries is 100 pages of a readable length rather than one page of several megabytes
/// (which `sealpost bench web` showed the server cannot render in time). The filters stay in
/// every page link; the exports still hold every matching entry.
struct LogPagination {
    static let size = 100

    /// Items to a page.
    let size: Int
    let page: Int
    let pages: Int
    let offset: Int
    let fromEntry: Int
    let toEntry: Int
    let matching: Int
    let previousHref: String?
    let nextHref: String?

    init(matching: Int, requested: Int?, query: Hummingbird.Parameters, size: Int = Self.size, path: String = "/log",
         keep: [String] = LogPage.filterKeys) {
        self.size = size
        pages = max(1, (matching + size - 1) / size)
        page = min(max(1, requested ?? 1), pages)
        offset = (page - 1) * size
        fromEntry = matching == 0 ? 0 : offset + 1
        toEntry = min(matching, offset + size)
        self.matching = matching
        let kept = Self.kept(keep, from: query)
        func href(_ n: Int) -> String { path + "?" + (kept + ["page=\(n)"]).joined(separator: "&") }
        previousHref = page > 1 ? href(page - 1) : nil
        nextHref = page < pages ? href(page + 1) : nil
    }
}

extension LogPagination {
    /// This page's items of `items` (all the matching ones, in the order shown).
    func page<C: Collection>(of items: C) -> C.SubSequence {
        let start = items.index(items.startIndex, offsetBy: offset, limitedBy: items.endIndex) ?? items.endIndex
        let end = items.index(start, offsetBy: size, limitedBy: items.endIndex) ?? items.endIndex
        return items[start..<end]
    }

    /// `key=value`, percent-encoded, for each of `keys` that `query` gives a value: the filters
    /// that every page link, and the log's exports, carry on.
    static func kept(_ keys: [String], from query: Hummingbird.Parameters) -> [String] {
        keys.compactMap { key in
            query[Substring(key)].flatMap { $0.isEmpty ? nil : "\(key)=\(LogPage.percentEncode(String($0)))" }
        }
    }
}

extension LogPagination: ViewModel {
    var computed: [String: Any] { ["hasPages": pages > 1] }
}

enum LogPaginationTemplates {
    static let all: [(String, String)] = [("log-pagination", pagination), ("inbox-pagination", inbox)]

    static let inbox = pagination.replacingOccurrences(of: "Entries {{fromEntry}} to {{toEntry}} of {{matching}}, newest first.",
                                                       with: "Records {{fromEntry}} to {{toEntry}} of {{matching}}, newest first.")
        .replacingOccurrences(of: "Pages of the receipt log", with: "Pages of records opened here")

    static let pagination = """
    <p class="govuk-body">Entries {{fromEntry}} to {{toEntry}} of {{matching}}, newest first.</p>
    {{#hasPages}}<nav class="govuk-pagination" aria-label="Pages of the receipt log">
      {{#previousHref}}<div class="govuk-pagination__prev"><a class="govuk-link govuk-pagination__link" href="{{previousHref}}" rel="prev">Previous<span class="govuk-visually-hidden"> page</span></a></div>{{/previousHref}}
      <p class="govuk-body govuk-pagination__item">Page {{page}} of {{pages}}</p>
      {{#nextHref}}<div class="govuk-pagination__next"><a class="govuk-link govuk-pagination__link" href="{{nextHref}}" rel="next">Next<span class="govuk-visually-hidden"> page</span></a></div>{{/nextHref}}
    </nav>{{/hasPages}}
    """
}

extension LedgerFilter {
    /// Whether it lets every entry through (nothing asked), so a page need not test each one.
    var isEmpty: Bool { kinds.isEmpty && counterpart == nil && child == nil && since == nil && until == nil }
}
