/// Where everything lives in a home folder: the one place that names its files and folders.
///
///     HOME/identity.key              the encrypted private keys (0600)
///     HOME/identity.card.json        this agency's public card
///     HOME/contacts/ID.card.json     imported cards of other agencies
///     HOME/practitioners/ID.key      practitioners' key slots (0600; spec/practitioners.md)
///     HOME/agreement.json            the data-sharing agreement in force
///     HOME/log/                      the receipt log (chain.log, details.jsonl)
///     HOME/outbox/                   envelopes sealed here and their state
///     HOME/inbox/                    records opened here
///     HOME/requests/out, requests/in requests for information, asked and received
///     HOME/acks/                     the acknowledgement journal
///     HOME/declines/                 the decline journal
///     HOME/outcomes/                 the outcome journal
///     HOME/drafts/ID.sealed          referrals being written, sealed to this agency
///     HOME/checkpoints/ID.json       the latest log checkpoint held of each other agency
///     HOME/pseudonyms/               token maps, sealed to this agency
///     HOME/relay.sqlite              a relay operator's mailbox database
///     HOME/.exchange.lock            held while a command changes the exchange folders
///     HOME/at-rest                   "sealpost-at-rest/v1": everything naming a person is sealed
///                                    to this agency (AtRest); absent in a home still to be sealed
extension Home {
    public var agreementPath: String { path + "/agreement.json" }
    public var logDirectory: String { path + "/log" }
    public var outboxDirectory: String { path + "/outbox" }
    public var inboxDirectory: String { path + "/inbox" }
    public var requestsOutDirectory: String { path + "/requests/out" }
    public var requestsInDirectory: String { path + "/requests/in" }
    public var acknowledgementsDirectory: String { path + "/acks" }
    public var declinesDirectory: String { path + "/declines" }
    public var outcomesDirectory: String { path + "/outcomes" }
    public var draftsDirectory: String { path + "/drafts" }
    public var checkpointsDirectory: String { path + "/checkpoints" }
    public var pseudonymsDirectory: String { path + "/pseudonyms" }
    public var relayDatabasePath: String { path + "/relay.sqlite" }
    public var practitionersDirectory: String { path + "/practitioners" }
    public var exchangeLockPath: String { path + "/.exchange.lock" }
    public var atRestMarkerPath: String { path + "/at-rest" }
    /// What `atRestMarkerPath` holds once the home is sealed at rest.
    public static let atRestMarker: [UInt8] = Array("sealpost-at-rest/v1\n".utf8)

    /// The key slot of the practitioner with this id.
    public func practitionerSlotPath(_ id: String) -> String { practitionersDirectory + "/" + id + ".key" }

    /// The latest checkpoint held of `agency`'s receipt log.
    public func heldCheckpointPath(of agency: String) -> String { checkpointsDirectory + "/" + agency + ".json" }
}
