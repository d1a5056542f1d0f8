/// Work an earlier run left unfinished, done first by every relay command (spec/exchange.md
/// §Crash safety): acknowledgements journalled but not yet deposited or followed by the delete,
/// and sealed envelopes the relay has not yet taken.
public enum Pending {
    public struct Report: Sendable {
        public var acknowledged: [AckJournal.Entry] = []
        public var deposited: [OutboxEntry] = []
        /// Requests sealed earlier and deposited now.
        public var requests: [OutboxEntry] = []
        /// Declines journalled earlier and deposited now.
        public var declines: [DeclineJournal.Entry] = []
        /// Outcomes journalled earlier and deposited now.
        public var outcomes: [OutcomeJournal.Entry] = []
        /// What could not be finished this time, with why (it stays pending).
        public var failures: [(envelopeID: String, error: ExchangeError)] = []
        public var isEmpty: Bool { acknowledged.isEmpty && deposited.isEmpty && requests.isEmpty && declines.isEmpty && outcomes.isEmpty && failures.isEmpty }
    }

    public static func finish(session: RelaySession) async throws(ExchangeError) -> Report {
        let context = session.context
        var report = Report()
        for entry in try context.acks.unfinished() {
            do { report.acknowledged.append(try await Acknowledge.finish(entry, session: session)) } catch {
                report.failures.append((entry.envelopeID, error))
                if error.affectsEveryRequest { return report }
            }
        }
        for entry in try context.declines.unfinished() {
            do { report.declines.append(try await Decline.finish(entry, session: session)) } catch {
                report.failures.append((entry.requestID, error))
                if error.affectsEveryRequest { return report }
            }
        }
        for entry in try context.outcomes.unfinished() {
            do { report.outcomes.append(try await Outcome.finish(entry, session: session)) } catch {
                report.failures.append((entry.outcomeID, error))
                if error.affectsEveryRequest { return report }
            }
        }
        for entry in try context.outbox.entries() where entry.state == .sealed {
            do { report.deposited.append(try await Send.deposit(entry, session: session)) } catch {
                report.failures.append((entry.envelopeID, error))
                if error.affectsEveryRequest { return report }
            }
        }
        for entry in try context.requestsOut.entries() where entry.state == .sealed {
            do { report.requests.append(try await Request.deposit(entry, session: session)) } catch {
                report.failures.append((entry.envelopeID, error))
                if error.affectsEveryRequest { return report }
            }
        }
        return report
    }
}

extension ExchangeError {
    /// A failure the next request would meet too (the relay unreachable, TLS, clocks, the relay's
    /// identity, a full disk): no point trying the remaining items now.
    var affectsEveryRequest: Bool {
        switch code {
        case .unreachable, .tls, .clockSkew, .relayIdentity, .storage, .log: return true
        default: return false
        }
    }
}
