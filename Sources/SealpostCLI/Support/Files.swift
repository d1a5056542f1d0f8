#if canImport(Glibc)
import Glibc
#endif
import Foundation
import SealpostAgreement
import SealpostCore

/// An input named on the command line: a file, or standard input for "-" or nothing.
struct InputFile {
    let reader: FileDescriptorReader
    let name: String
    /// The size, when the input is a regular file.
    let size: UInt64?
    private let ownsDescriptor: Bool

    init(path: String?) throws {
        guard let path, path != "-" else {
            reader = FileDescriptorReader(descriptor: 0, name: "standard input")
            name = "standard input"
            size = InputFile.regularFileSize(0)
            ownsDescriptor = false
            return
        }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            let reason = String(cString: strerror(errno))
            throw CLIError("cannot read \(path): \(reason)", hint: "check the path")
        }
        reader = FileDescriptorReader(descriptor: fd, name: path)
        name = path
        size = InputFile.regularFileSize(fd)
        ownsDescriptor = true
    }

    func close() { if ownsDescriptor { _ = Glibc.close(reader.descriptor) } }

    private static func regularFileSize(_ fd: Int32) -> UInt64? {
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        return UInt64(info.st_size)
    }
}

/// Loads and verifies identity cards named on the command line.
func loadCards(_ paths: [String]) throws -> [IdentityCard] {
    var cards: [IdentityCard] = []
    for path in paths {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIError("cannot read the identity card \(path)", hint: "check the path; cards come from: sealpost export-card")
        }
        do { cards.append(try IdentityCard.load(data, source: path)) } catch { throw CLIError(error) }
    }
    return cards
}

/// The recipients named by `seal --to`: each a card file, or the agency id of a contact imported
/// into `home`, of a party to the agreement in force there, or of this home's own agency. A value
/// that names an existing file, contains a "/" or ends in ".json" is a file; anything else is looked
/// up as an agency id. (`import-card` keeps contacts and the agreement from disagreeing on keys.)
func loadRecipientCards(_ values: [String], home: Home) throws -> [IdentityCard] {
    var contacts: [IdentityCard]?
    var cards: [IdentityCard] = []
    for value in values {
        if FileManager.default.fileExists(atPath: value) || value.contains("/") || value.hasSuffix(".json") {
            cards += try loadCards([value])
            continue
        }
        if contacts == nil {
            let parties = (try? AgreementStore(home: home).inForce())?.agreement.parties.map(\.card) ?? []
            do { contacts = try home.contacts() + parties + [try? home.card()].compactMap { $0 } } catch { throw CLIError(error) }
        }
        guard let card = contacts?.first(where: { $0.agencyID == value }) else {
            throw CLIError("--to \(Printable.escape(value)) is neither a card file nor an agency imported into \(home.path)",
                           hint: "import its card once with: sealpost import-card FILE (then --to \(Printable.escape(value)) works), or give the card file's path")
        }
        cards.append(card)
    }
    return cards
}

func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// How a command's output path is written (SealpostCore's `OutputTarget`): nil is standard output.
func resolveOutput(_ path: String?) throws -> OutputTarget {
    guard let path else { return .standardOutput }
    do { return try OutputTarget.resolve(path) } catch { throw CLIError("cannot write \(error.path): \(error.reason)") }
}

/// Writes a whole output file by the rules of `OutputFile`: atomically for a regular file, directly into a
/// device, FIFO or standard output, never through a symbolic link.
func writeOutput(_ bytes: [UInt8], to path: String, mode: mode_t) throws {
    do { try OutputFile.write(bytes, to: path, mode: mode) } catch {
        throw CLIError("cannot write \(error.path): \(error.reason)")
    }
}
