#if canImport(Glibc)
import Glibc
#endif
import SealpostCore

/// One exchange command at a time per home: an exclusive `flock` on `HOME/.exchange.lock`, held
/// until `release()` or the process ends (a killed process releases it with its descriptors).
/// Two runs finishing the same journal at once would do no harm (deposits are idempotent), but
/// their outputs and state updates would interleave; this keeps each run's story whole.
public final class HomeLock: @unchecked Sendable {
    private var descriptor: Int32

    /// Takes the lock, or says another command holds it.
    public init(home: Home) throws(ExchangeError) {
        try StoreFiles.makeDirectory(home.path)
        let path = home.exchangeLockPath
        let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .storage(IOError(path: path, errno: errno), doing: "lock the home folder") }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw ExchangeError(.storage, "another sealpost command is sending or receiving with \(home.path)",
                                hint: "wait for it to finish, then run this again")
        }
        descriptor = fd
    }

    public func release() {
        guard descriptor >= 0 else { return }
        close(descriptor)
        descriptor = -1
    }

    deinit { release() }
}
