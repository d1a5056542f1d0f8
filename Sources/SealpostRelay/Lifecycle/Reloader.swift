import Logging
import SealpostAgreement
import ServiceLifecycle

/// Keeps the agreement edition and the TLS pair current without a restart (spec/relay.md
/// §Agreement editions).
///
/// - On each reload trigger (SIGHUP in `sealpost-relay serve`, which `sealpost-relay reload`
///   sends): reads the agreement file again and offers it to `AgreementEditions`, which puts it in
///   force only if it passes the checks of a start and is newer; a refused edition is logged with
///   its reason and the edition in force stays. An adopted edition is published to the store. Then
///   the TLS files are read again.
/// - Every `interval`: asks the store for an edition newer than the one in force (published by
///   another instance over the same database) and offers it the same way, so every instance
///   converges on the newest edition any of them accepted. The store is not trusted: an edition
///   from it passes the same checks as one from a file.
struct Reloader: Service {
    let relay: Relay
    let agreementPath: String?
    let certificates: TLSCertificates?
    let interval: Duration
    let triggers: AsyncStream<Void>?

    func run() async throws {
        // Graceful shutdown cancels both loops; a reload is one swap, never left half done.
        await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { group in
                if let triggers {
                    group.addTask {
                        for await _ in triggers { await reload() }
                    }
                }
                group.addTask {
                    var refused: Int64?
                    while !Task.isCancelled {
                        do { try await Task.sleep(for: interval) } catch { return }
                        await converge(lastRefused: &refused)
                    }
                }
            }
        }
    }

    /// What SIGHUP does: the agreement file, then the store, then the TLS files.
    func reload() async {
        logger.notice("reload requested")
        if let agreementPath {
            let held = relay.editions.current.version
            do {
                let candidate = try RelayLauncher.loadAgreement(path: agreementPath)
                try await adopt(candidate, from: agreementPath)
            } catch let error as RelayConfigurationError {
                relay.metrics.reloaded("agreement", outcome: "refused")
                logger.error("agreement reload refused: \(error.message); version \(held) stays in force",
                             metadata: ["hint": "\(error.hint ?? "")", "file": "\(agreementPath)"])
            } catch {
                logger.error("agreement reload: the edition could not be published to the database", metadata: ["error": "\(error)"])
            }
        }
        var refused: Int64?
        await converge(lastRefused: &refused)
        if let certificates {
            do {
                try certificates.reload()
                relay.metrics.reloaded("tls", outcome: "adopted")
                logger.notice("TLS certificate reloaded: new connections use it",
                              metadata: ["certificate": "\(certificates.files.certificatePath)"])
            } catch {
                relay.metrics.reloaded("tls", outcome: "refused")
                logger.error("TLS reload refused: \(error.message); the certificate in force stays",
                             metadata: ["hint": "\(error.hint ?? "")"])
            }
        }
    }

    /// Offers `candidate`; publishes it to the store when it is now in force.
    func adopt(_ candidate: SignedAgreement, from source: String) async throws {
        switch try relay.editions.offer(candidate) {
        case .adopted(let previous, let now):
            relay.metrics.reloaded("agreement", outcome: "adopted")
            relay.metrics.agreementInForce(version: now)
            logger.notice("agreement edition adopted", metadata: [
                "agreement": "\(candidate.agreement.id)", "previous": "\(previous)", "version": "\(now)", "from": "\(source)",
            ])
            try await relay.repository.publishAgreement(id: candidate.agreement.id, version: now, bytes: candidate.fileBytes)
        case .unchanged:
            relay.metrics.reloaded("agreement", outcome: "unchanged")
            logger.info("agreement unchanged", metadata: ["version": "\(candidate.agreement.version)", "from": "\(source)"])
        }
    }

    /// Takes the newest edition the store holds, if newer than the one in force. A refused one is
    /// logged once per version (it would otherwise be logged at every check).
    func converge(lastRefused: inout Int64?) async {
        let held = relay.editions.current
        let bytes: [UInt8]
        do {
            guard let newer = try await relay.repository.newerAgreement(id: held.id, than: held.version) else { return }
            bytes = newer
        } catch {
            logger.warning("cannot look for a newer agreement edition in the database", metadata: ["error": "\(error)"])
            return
        }
        do {
            let candidate = try SignedAgreement(parsing: bytes, source: "the database's newest edition")
            guard candidate.agreement.version != lastRefused else { return }
            do {
                try await adopt(candidate, from: "database")
            } catch let error as RelayConfigurationError {
                lastRefused = candidate.agreement.version
                relay.metrics.reloaded("agreement", outcome: "refused")
                logger.error("agreement edition in the database refused: \(error.message); version \(held.version) stays in force",
                             metadata: ["hint": "\(error.hint ?? "")"])
            } catch {
                logger.warning("agreement edition adopted, but publishing it again failed", metadata: ["error": "\(error)"])
            }
        } catch {
            logger.error("the database's newest agreement edition cannot be read: \(error)")
        }
    }

    private var logger: Logger { relay.logger }
}
