#if canImport(Glibc)
import Glibc
#endif

/// What a path named as a command's output (`--output`, `-o`, `--write-decisions`...) is, and so how
/// it is written. The one place that decides it, for every command (THREATS row 36):
///
/// - **absent, or a regular file**: written by atomic rename (`AtomicFile`), so a failure leaves the
///   old file or nothing, never half a file;
/// - **a character device or a FIFO** (`/dev/null`, a named pipe): opened for writing without
///   creating or truncating and written into directly. Renaming a new file over one would replace
///   the device node itself (run as root, `--output /dev/null` once destroyed a machine's `/dev/null`);
/// - **`-`, `/dev/stdout`, `/dev/stderr`, `/dev/fd/N` or `/proc/self/fd/N`**: the descriptor this
///   process already has open under that name, written into directly. These are symbolic links
///   that the system defines to mean exactly that, so they are resolved deliberately, by number;
/// - **any other symbolic link**: refused. Following it could write into a file the link's maker
///   chose (another user's, through a link planted in a shared folder), and replacing it would
///   silently break whatever the link was for;
/// - **a directory, a socket or a block device**: refused, with what to do instead.
public enum OutputTarget: Equatable, Sendable {
    /// A regular file (or none yet) at this path: replaced atomically.
    case file(String)
    /// A character device or FIFO at this path: written into directly.
    case device(String)
    /// A descriptor already open in this process (1 for standard output), under a display name.
    case descriptor(Int32, String)

    /// Standard output.
    public static let standardOutput = OutputTarget.descriptor(1, "standard output")

    /// Whether a failed write can be undone (nothing is left behind). Only for `.file`: bytes
    /// written into a device, pipe or descriptor are gone as soon as they are written.
    public var isAtomic: Bool { if case .file = self { return true } else { return false } }

    /// The name to show in messages.
    public var name: String {
        switch self {
        case .file(let path), .device(let path): return path
        case .descriptor(_, let name): return name
        }
    }

    /// Decides how `path` is written, by what it is now (`lstat`, which does not follow a link).
    /// Nothing is created or opened here.
    public static func resolve(_ path: String) throws(IOError) -> OutputTarget {
        guard !path.isEmpty else { throw IOError(path: "(empty)", reason: "an output path cannot be empty") }
        if let descriptor = standardDescriptor(path) {
            guard fcntl(descriptor, F_GETFD) != -1 else {
                throw IOError(path: path, reason: "descriptor \(descriptor) is not open in this process")
            }
            return .descriptor(descriptor, descriptor == 1 ? "standard output" : path)
        }
        var info = stat()
        guard lstat(path, &info) == 0 else {
            let code = errno
            guard code == ENOENT else { throw IOError(path: path, errno: code) }
            return .file(path)
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            return .file(path)
        case S_IFCHR, S_IFIFO:
            return .device(path)
        case S_IFLNK:
            throw IOError(path: path, reason: "is a symbolic link, which Sealpost does not write through: "
                          + "name the file it points to, or remove the link")
        case S_IFDIR:
            throw IOError(path: path, reason: "is a directory; name a file inside it")
        case S_IFBLK:
            throw IOError(path: path, reason: "is a block device; write to a file and copy it onto the device")
        case S_IFSOCK:
            throw IOError(path: path, reason: "is a socket, which cannot be written as a file")
        default:
            throw IOError(path: path, reason: "is not a regular file, device or pipe")
        }
    }

    /// The descriptor a path names by definition, if it is one of the names the system gives to
    /// this process's open descriptors.
    package static func standardDescriptor(_ path: String) -> Int32? {
        switch path {
        case "-", "/dev/stdout": return 1
        case "/dev/stderr": return 2
        default: break
        }
        for prefix in ["/dev/fd/", "/proc/self/fd/"] where path.hasPrefix(prefix) {
            let digits = path.dropFirst(prefix.count)
            guard !digits.isEmpty, digits.count <= 9, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
                  let number = Int32(digits) else { return nil }
            return number
        }
        return nil
    }
}
