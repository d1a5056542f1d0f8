import SealpostCore
import SealpostSodium

/// What an agency signs for every relay request but health (spec/relay.md §Signed requests).
///
///     "sealpost/v1/relay-request" || 0x00 ||
///     agency || LF || method || LF || target || LF || host || LF ||
///     timestamp (decimal Unix seconds) || LF || nonce (32 lowercase hex) || LF || content hash (64 lowercase hex)
///
/// `target` is the path and query exactly as they appear in the request line (origin form); `host`
/// is the Host header with its ASCII letters in lower case; `timestamp` is written in canonical
/// decimal (no sign, no leading zeros); the content hash is BLAKE2b-256 of the body (of no bytes for
/// a bodiless request).
public struct SignedRequest: Sendable, Equatable {
    public static let label = "sealpost/v1/relay-request"
    public static let nonceLength = 16
    public static let contentHashLength = 32
    /// Requests whose timestamp is further than this from the relay's clock are refused.
    public static let maximumSkewSeconds: Int64 = 300

    public var agency: String
    public var method: String
    public var target: String
    public var host: String
    public var timestamp: Int64
    public var nonce: [UInt8]
    public var contentHash: [UInt8]

    public init(agency: String, method: String, target: String, host: String, timestamp: Int64,
                nonce: [UInt8], contentHash: [UInt8]) {
        (self.agency, self.method, self.target) = (agency, method, target)
        self.host = Self.asciiLowercased(host)
        (self.timestamp, self.nonce, self.contentHash) = (timestamp, nonce, contentHash)
    }

    /// A fresh request description for `body`, with a random nonce.
    public static func make(agency: String, method: String, target: String, host: String, timestamp: Int64,
                            body: [UInt8]) -> SignedRequest {
        SignedRequest(agency: agency, method: method, target: target, host: host, timestamp: timestamp,
                      nonce: RandomBytes.make(count: nonceLength), contentHash: BLAKE2b.hash(body))
    }

    /// The exact bytes the signature covers.
    public var signedBytes: [UInt8] {
        var out = Array(Self.label.utf8)
        out.append(0)
        let fields = [agency, method, target, host, String(timestamp), Hex.encode(nonce), Hex.encode(contentHash)]
        out.append(contentsOf: Array(fields.joined(separator: "\n").utf8))
        return out
    }

    /// Lower-cases A-Z and nothing else, as spec/relay.md says: Unicode case mapping could turn one
    /// byte into several and make client and relay sign different bytes.
    static func asciiLowercased(_ text: String) -> String {
        String(decoding: text.utf8.map { (0x41...0x5a).contains($0) ? $0 | 0x20 : $0 }, as: UTF8.self)
    }

    /// The headers to send, signed with `key`.
    public func headers(signedWith key: Ed25519.SigningKey) -> [(name: String, value: String)] {
        let signature = key.signature(for: signedBytes)
        return [
            (RelayAPI.Header.agency, agency),
            (RelayAPI.Header.timestamp, String(timestamp)),
            (RelayAPI.Header.nonce, Hex.encode(nonce)),
            (RelayAPI.Header.contentHash, Hex.encode(contentHash)),
            (RelayAPI.Header.signature, Hex.encode(signature.rawRepresentation)),
        ]
    }
}

/// The signature headers of a request as the relay received them, parsed but not yet trusted.
public struct ReceivedSignature: Sendable {
    public let request: SignedRequest
    public let signature: Ed25519.Signature

    /// Reads the five headers; `header(name)` returns a header's value, if present. Throws
    /// naming the header that is missing or malformed.
    public init(method: String, target: String, host: String?,
                header: (String) -> String?) throws(RequestSignatureError) {
        func required(_ name: String) throws(RequestSignatureError) -> String {
            guard let value = header(name), !value.isEmpty else { throw .missingHeader(name) }
            return value
        }
        let agency = try required(RelayAPI.Header.agency)
        guard AgencyID.isValid(agency) else { throw .malformedHeader(RelayAPI.Header.agency, "is not an agency id") }
        let timestampText = try required(RelayAPI.Header.timestamp)
        // Canonical decimal only: the signed bytes hold the number as `String(timestamp)` writes it,
        // so "0123" would name one time and sign another.
        guard timestampText.utf8.count <= 19, timestampText.utf8.allSatisfy({ (0x30...0x39).contains($0) }),
              timestampText.utf8.first != 0x30 || timestampText.utf8.count == 1,
              let timestamp = Int64(timestampText) else {
            throw .malformedHeader(RelayAPI.Header.timestamp, "must be Unix seconds in decimal, without leading zeros")
        }
        guard let nonce = Self.lowerHex(try required(RelayAPI.Header.nonce), count: SignedRequest.nonceLength) else {
            throw .malformedHeader(RelayAPI.Header.nonce, "must be \(SignedRequest.nonceLength * 2) lowercase hex digits")
        }
        guard let hash = Self.lowerHex(try required(RelayAPI.Header.contentHash), count: SignedRequest.contentHashLength) else {
            throw .malformedHeader(RelayAPI.Header.contentHash, "must be \(SignedRequest.contentHashLength * 2) lowercase hex digits")
        }
        guard let sigBytes = Self.lowerHex(try required(RelayAPI.Header.signature), count: Ed25519.signatureLength),
              let signature = try? Ed25519.Signature(rawRepresentation: sigBytes) else {
            throw .malformedHeader(RelayAPI.Header.signature, "must be \(Ed25519.signatureLength * 2) lowercase hex digits")
        }
        guard let host, !host.isEmpty else { throw .missingHeader("Host") }
        guard host.utf8.count <= 255, host.utf8.allSatisfy({ (0x21...0x7e).contains($0) }) else {
            throw .malformedHeader("Host", "must be the relay's host name (and port) in visible ASCII")
        }
        request = SignedRequest(agency: agency, method: method, target: target, host: host, timestamp: timestamp,
                                nonce: nonce, contentHash: hash)
        self.signature = signature
    }

    public func isValid(for key: Ed25519.PublicKey) -> Bool {
        key.isValidSignature(signature, for: request.signedBytes)
    }

    static func lowerHex(_ text: String, count: Int) -> [UInt8]? {
        Hex.decode(text, count: count)
    }
}

public enum RequestSignatureError: Error, Equatable, Sendable, CustomStringConvertible {
    case missingHeader(String)
    case malformedHeader(String, String)

    public var description: String {
        switch self {
        case .missingHeader(let name): "the request has no \(name) header; every request but health must be signed"
        case .malformedHeader(let name, let problem): "the \(name) header \(problem)"
        }
    }
}
