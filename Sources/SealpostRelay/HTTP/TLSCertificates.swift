import NIOCore
import NIOSSL
import Synchronization

/// The relay's TLS certificate chain and private key, read from their PEM files at start and again
/// at each reload (SIGHUP, `sealpost-relay reload`).
///
/// The TLS configuration is made once; its per-handshake callback hands every new connection the
/// pair in force at that moment, so a reload takes effect for the next connection while open ones
/// keep the session they have. A pair that cannot be read, holds no certificate, or whose key does
/// not belong to its certificate is refused, and the pair in force stays.
final class TLSCertificates: Sendable {
    struct Pair: Sendable {
        let chain: [NIOSSLCertificate]
        let key: NIOSSLPrivateKey
    }

    let files: RelayConfiguration.TLSFiles
    private let current: Mutex<Pair>

    init(files: RelayConfiguration.TLSFiles) throws(RelayConfigurationError) {
        self.files = files
        current = Mutex(try Self.load(files))
    }

    /// Reads the files again and puts the pair in force for new connections; throws, leaving the
    /// pair in force, when they do not hold a usable pair.
    func reload() throws(RelayConfigurationError) {
        let pair = try Self.load(files)
        current.withLock { $0 = pair }
    }

    /// TLS 1.3 only; each handshake takes the pair in force.
    func serverConfiguration() -> TLSConfiguration {
        let pair = current.withLock { $0 }
        var tls = TLSConfiguration.makeServerConfiguration(certificateChain: pair.chain.map { .certificate($0) },
                                                           privateKey: .privateKey(pair.key))
        tls.minimumTLSVersion = .tlsv13
        tls.sslContextCallback = { [weak self] _, promise in
            var override = NIOSSLContextConfigurationOverride()
            if let pair = self?.current.withLock({ $0 }) {
                override.certificateChain = pair.chain.map { .certificate($0) }
                override.privateKey = .privateKey(pair.key)
            }
            promise.succeed(override)
        }
        return tls
    }

    static func load(_ files: RelayConfiguration.TLSFiles) throws(RelayConfigurationError) -> Pair {
        let chain: [NIOSSLCertificate]
        let key: NIOSSLPrivateKey
        do {
            chain = try NIOSSLCertificate.fromPEMFile(files.certificatePath)
        } catch {
            throw RelayConfigurationError("cannot read the TLS certificate \(files.certificatePath): \(error)",
                                          hint: "--tls-cert takes a PEM file holding the certificate chain, leaf first")
        }
        do {
            key = try NIOSSLPrivateKey(file: files.privateKeyPath, format: .pem)
        } catch {
            throw RelayConfigurationError("cannot read the TLS private key \(files.privateKeyPath): \(error)",
                                          hint: "--tls-key takes the certificate's private key as a PEM file")
        }
        guard !chain.isEmpty else {
            throw RelayConfigurationError("\(files.certificatePath) holds no certificate", hint: "--tls-cert takes a PEM certificate chain")
        }
        // BoringSSL checks that the key belongs to the leaf certificate as a context takes them.
        do {
            _ = try NIOSSLContext(configuration: .makeServerConfiguration(certificateChain: chain.map { .certificate($0) },
                                                                          privateKey: .privateKey(key)))
        } catch {
            throw RelayConfigurationError("the TLS key \(files.privateKeyPath) does not go with the certificate \(files.certificatePath): \(error)",
                                          hint: "give the private key of the certificate's leaf (the first in the file)")
        }
        return Pair(chain: chain, key: key)
    }
}
