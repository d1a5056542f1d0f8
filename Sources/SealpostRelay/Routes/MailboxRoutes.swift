import Hummingbird
import SealpostCore
import SealpostProtocol
import SealpostSodium

extension Relay {
    static let defaultPageSize = 100
    static let maximumPageSize = 1000

    /// GET /v1/mailbox[?after=ID][&limit=N]: what waits for the caller, oldest first.
    func listMailbox(_ request: Request, context: RelayRequestContext) async throws -> Response {
        let caller = try await bodiless(request, context: context)
        let query = try Query(target: caller.request.target, allowed: ["after", "limit"])
        var after: EnvelopeID?
        if let text = try query.single("after") {
            guard let id = Self.envelopeID(text) else { throw RelayFailure.badRequest("after must be an envelope id: 64 lowercase hex digits") }
            after = id
        }
        var limit = Self.defaultPageSize
        if let text = try query.single("limit") {
            guard text.utf8.count <= 4, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let value = Int(text),
                  (1...Self.maximumPageSize).contains(value) else {
                throw RelayFailure.badRequest("limit must be a whole number from 1 to \(Self.maximumPageSize)")
            }
            limit = value
        }
        let page: MailboxPage
        do {
            page = try await repository.listMailbox(caller.agency, after: after, limit: limit, now: clock())
        } catch is UnknownCursor {
            throw RelayFailure.badRequest("after names no envelope of your mailbox", hint: "pass the next value of the previous page")
        }
        return jsonResponse(bytes: ResponseJSON.encode(MailboxListing(messages: page.entries, next: page.next?.description)), status: .ok)
    }

    /// GET /v1/mailbox/{id}: the envelope's bytes, exactly as stored, streamed out chunk by chunk
    /// (at most one chunk in memory, and only as fast as the client reads). The length is known
    /// from the start; a body removed while it is being sent (its recipient deleted it meanwhile,
    /// or it expired) cuts the answer short, which the client sees as a failed fetch.
    func fetchEnvelope(_ request: Request, context: RelayRequestContext) async throws -> Response {
        let caller = try await bodiless(request, context: context)
        try Self.noQuery(caller)
        guard let id = Self.envelopeID(context.parameters.get("id")),
              let stored = try await repository.fetch(id, mailbox: caller.agency, now: clock()) else {
            throw RelayFailure.notFound
        }
        let size = Int(stored.size)
        context.trace.note(envelope: id, size: size)
        metrics.fetched(bytes: size)
        logger.info("envelope fetched", metadata: ["envelope": "\(id.shortForm)", "mailbox": "\(caller.agency)", "size": "\(size)"])
        var headers = HTTPFields()
        headers[.contentType] = RelayAPI.envelopeMediaType
        // The first chunk is read before answering, so that a store that fails is a 500, not a cut-off 200.
        var first = stored.firstChunk
        if first == nil { first = try await repository.bodyChunk(body: stored.body, part: 0) }
        guard let first else { throw RelayFailure.notFound }
        if stored.parts == 1 {
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: first)))
        }
        let repository = self.repository
        let logger = self.logger
        return Response(status: .ok, headers: headers, body: ResponseBody(contentLength: size) { writer in
            try await writer.write(ByteBuffer(bytes: first))
            for part in 1..<stored.parts {
                guard let bytes = try await repository.bodyChunk(body: stored.body, part: part) else {
                    logger.notice("envelope removed while it was being fetched", metadata: ["envelope": "\(id.shortForm)"])
                    throw RelayStorageError("envelope \(id.shortForm) was removed while it was being sent")
                }
                try await writer.write(ByteBuffer(bytes: bytes))
            }
            try await writer.finish(nil)
        })
    }

    /// DELETE /v1/mailbox/{id}: the recipient is done with it. Its bytes go once no mailbox waits for them.
    func deleteEnvelope(_ request: Request, context: RelayRequestContext) async throws -> Response {
        let caller = try await bodiless(request, context: context)
        try Self.noQuery(caller)
        guard let id = Self.envelopeID(context.parameters.get("id")),
              try await repository.delete(id, mailbox: caller.agency, now: clock()) else {
            throw RelayFailure.notFound
        }
        context.trace.note(envelope: id, size: nil)
        metrics.deleted()
        logger.info("envelope deleted", metadata: ["envelope": "\(id.shortForm)", "mailbox": "\(caller.agency)"])
        return Response(status: .noContent)
    }

    /// GET /v1/deposits/{id}: for the agency that deposited it, what became of each copy.
    func depositStatus(_ request: Request, context: RelayRequestContext) async throws -> Response {
        let caller = try await bodiless(request, context: context)
        try Self.noQuery(caller)
        guard let id = Self.envelopeID(context.parameters.get("id")),
              let status = try await repository.depositStatus(id, sender: caller.agency, now: clock()) else {
            throw RelayFailure.notFound
        }
        context.trace.note(envelope: id, size: nil)
        return jsonResponse(status, status: .ok)
    }

    /// GET /v1/health, unsigned: who the relay is and what time it thinks it is, once the store has
    /// answered a query; `503` with a plain reason when it does not (the detail goes to the log only:
    /// the health route is public).
    func health(_ request: Request, context: RelayRequestContext) async throws -> Response {
        _ = try Query(target: request.head.path ?? "", allowed: [])
        if let addressLimiter, case .failure(let wait) = addressLimiter.take(context.remoteHost) {
            metrics.rateLimited(kind: "address")
            throw RelayFailure.rateLimited(retryAfter: wait.seconds, who: "this address")
        }
        do {
            try await repository.checkHealth()
            if metrics.databaseUp(true) { logger.notice("the relay database answers again") }
        } catch {
            if metrics.databaseUp(false) {
                logger.error("health check: the relay database does not answer", metadata: ["error": "\(error)"])
            }
            throw Self.databaseDown
        }
        return jsonResponse(RelayHealth(status: "ok", relay: identity.agencyID, relayKey: relayKeyHex, time: clock(),
                                        version: RelayAPI.version, maximumEnvelopeBytes: Int64(limits.maximumEnvelopeBytes)),
                            status: .ok)
    }

    static let databaseDown = RelayFailure(.serviceUnavailable, "unavailable", "the relay's database does not answer, so the relay can neither take nor give out envelopes",
                                           hint: "use another instance of the relay, or try again later; the relay's log says more", retryAfter: 5)

    /// A request that carries no body: none may arrive, and the signed hash must be that of no bytes.
    private func bodiless(_ request: Request, context: RelayRequestContext) async throws -> Caller {
        guard let caller = context.caller else { throw RelayFailure.unauthenticated() }
        do {
            for try await chunk in request.body where chunk.readableBytes > 0 {
                throw RelayFailure.badRequest("this request takes no body")
            }
        } catch let failure as RelayFailure {
            throw failure
        } catch {
            throw RelayFailure.bodyIncomplete
        }
        guard caller.request.contentHash == Self.emptyHash else {
            throw RelayFailure(.unauthorized, RelayErrorCode.contentHashMismatch, "the body is not the one the request signature covers",
                               hint: "a request without a body is signed over the hash of no bytes")
        }
        return caller
    }

    private static func noQuery(_ caller: Caller) throws(RelayFailure) {
        _ = try Query(target: caller.request.target, allowed: [])
    }

    static let emptyHash = BLAKE2b.hash([UInt8]())

    /// Exactly 64 lowercase hex digits, or nil.
    static func envelopeID(_ text: String?) -> EnvelopeID? {
        guard let text, text.utf8.count == 64,
              text.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) else { return nil }
        return EnvelopeID(hex: text)
    }

    func jsonResponse(_ value: some Encodable, status: HTTPResponse.Status) -> Response {
        jsonResponse(bytes: RelayJSON.encode(value), status: status)
    }

    /// A JSON body already encoded (`ResponseJSON` for the busiest answers).
    func jsonResponse(bytes: [UInt8], status: HTTPResponse.Status) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
