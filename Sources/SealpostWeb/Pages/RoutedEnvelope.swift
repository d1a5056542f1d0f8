import SealpostCore
import SealpostExchange

extension Inbox {
    /// The entry that the route's `:id` names (a record in the inbox, or a request in
    /// `requestsIn`), with its id; nil when `:id` is not an envelope id or nothing with that id is
    /// held here. The id is checked before the store is asked, so whatever was typed in the address
    /// reaches the file system only as a well-formed envelope id.
    func entry(routedBy context: WebContext) throws -> (id: EnvelopeID, entry: InboxEntry)? {
        guard let id = context.parameters.get("id").flatMap(EnvelopeID.init(hex:)),
              let entry = try entry(id.description) else { return nil }
        return (id, entry)
    }
}
