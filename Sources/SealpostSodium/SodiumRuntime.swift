internal import CSodium

/// libsodium is initialised exactly once, lazily, by the first call into this module.
///
/// Every public entry point that reaches C touches `SodiumRuntime.ready` first. A failed
/// `sodium_init()` means the process cannot do cryptography safely, so it traps.
enum SodiumRuntime {
    static let ready: Void = {
        guard sodium_init() >= 0 else {
            fatalError("sealpost: libsodium could not be initialised (sodium_init failed)")
        }
    }()

    @inline(__always) static func ensure() { _ = ready }
}

/// The version of the libsodium library loaded at run time, such as "1.0.18".
public var sodiumVersionString: String {
    SodiumRuntime.ensure()
    return String(cString: sodium_version_string())
}
