import Hummingbird
import Testing
@testable import SealpostWeb

/// The paging of long lists (the receipt log, the Inbox's records): which items a page holds,
/// and that its links keep the filters, encoded, and drop empty ones.
@Suite("Pagination of the receipt log and the Inbox")
struct LogPaginationTests {
    /// A request's query as the router decodes it (percent-escapes undone).
    func query(_ pairs: KeyValuePairs<Substring, Substring> = [:]) -> Hummingbird.Parameters {
        var parameters = Hummingbird.Parameters()
        for (key, value) in pairs { parameters[key] = value }
        return parameters
    }

    @Test("a page holds its items, the last page the rest, and a page past the end the last page's")
    func slicing() {
        let items = Array(1...250)
        let first = LogPagination(matching: items.count, requested: nil, query: query())
        #expect(first.pages == 3 && first.page == 1 && Array(first.page(of: items)) == Array(1...100))
        #expect(first.previousHref == nil && first.fromEntry == 1 && first.toEntry == 100)
        let last = LogPagination(matching: items.count, requested: 3, query: query())
        #expect(Array(last.page(of: items)) == Array(201...250) && last.nextHref == nil && last.toEntry == 250)
        let beyond = LogPagination(matching: items.count, requested: 9, query: query())
        #expect(beyond.page == 3 && Array(beyond.page(of: items)) == Array(201...250))
        let newestFirst = LogPagination(matching: items.count, requested: 2, query: query())
        #expect(Array(newestFirst.page(of: items.reversed())) == Array((51...150).reversed()))
        let empty = LogPagination(matching: 0, requested: 1, query: query())
        #expect(empty.pages == 1 && empty.page(of: [Int]()).isEmpty && empty.fromEntry == 0 && empty.toEntry == 0)
    }

    @Test("page links keep the log's filters, percent-encoded, and drop empty ones; the Inbox keeps none")
    func links() {
        let q = query(["kind": "sent", "counterpart": "st anne's", "child": "", "page": "2", "other": "x"])
        let log = LogPagination(matching: 300, requested: 2, query: q)
        #expect(log.previousHref == "/log?kind=sent&counterpart=st%20anne%27s&page=1")
        #expect(log.nextHref == "/log?kind=sent&counterpart=st%20anne%27s&page=3")
        #expect(LogPagination.kept(LogPage.filterKeys, from: q) == ["kind=sent", "counterpart=st%20anne%27s"])
        let inbox = LogPagination(matching: 120, requested: 1, query: q, size: 50, path: "/inbox", keep: [])
        #expect(inbox.pages == 3 && inbox.nextHref == "/inbox?page=2")
        #expect(Array(inbox.page(of: Array(0..<120))) == Array(0..<50))
    }
}
