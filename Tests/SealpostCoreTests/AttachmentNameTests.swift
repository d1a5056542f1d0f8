import Testing
import SealpostCore

/// THREATS.md row 39: every hostile attachment name the sender could sign becomes one safe file
/// name in the recipient's folder.
@Suite("Attachment names")
struct AttachmentNameTests {
    func safe(_ name: String, type: String = "application/pdf", index: Int = 0) -> String {
        var taken = Set<String>()
        return AttachmentName.safe(name, type: type, index: index, taken: &taken)
    }

    /// What every stored name must be, whatever the input.
    func expectSafe(_ stored: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(!stored.contains("/") && !stored.contains("\\"), "one path component: \(stored)", sourceLocation: sourceLocation)
        #expect(!stored.hasPrefix(".") && !stored.hasPrefix("-") && !stored.hasPrefix(" "), "\(stored)", sourceLocation: sourceLocation)
        #expect(!stored.hasSuffix(".") && !stored.hasSuffix(" "), "\(stored)", sourceLocation: sourceLocation)
        #expect(stored.utf8.count <= AttachmentName.maximumBytes, sourceLocation: sourceLocation)
        #expect(!stored.unicodeScalars.contains {
            [.control, .format, .lineSeparator, .paragraphSeparator].contains($0.properties.generalCategory)
        }, sourceLocation: sourceLocation)
        #expect(!stored.contains { ":*?\"<>|".contains($0) }, sourceLocation: sourceLocation)
    }

    @Test("path traversal, Unix and Windows, absolute and relative, becomes one name in the folder",
          arguments: [("../../x.pdf", "_.._x.pdf"), ("/etc/passwd", "_etc_passwd.pdf"), ("..\\..\\win.ini", "_.._win.ini.pdf"),
                      ("..", "attachment-1.pdf"), (".", "attachment-1.pdf"), ("a/../../b.pdf", "a_.._.._b.pdf"),
                      ("C:\\Windows\\system32\\x.pdf", "C__Windows_system32_x.pdf")])
    func traversal(_ name: String, _ expected: String) {
        let stored = safe(name)
        expectSafe(stored)
        #expect(stored == expected)
    }

    @Test("control characters, terminal escapes, NUL and line breaks become _",
          arguments: [("a\u{0}b.pdf", "a_b.pdf"), ("line\nbreak.pdf", "line_break.pdf"), ("\u{1b}[31mred.pdf", "_[31mred.pdf"),
                      ("tab\there.pdf", "tab_here.pdf"), ("del\u{7f}.pdf", "del_.pdf"), ("sep\u{2028}x.pdf", "sep_x.pdf")])
    func controls(_ name: String, _ expected: String) {
        let stored = safe(name)
        expectSafe(stored)
        #expect(stored == expected)
    }

    @Test("a right-to-left override cannot show an .exe as a .pdf, and zero-width characters go")
    func bidiAndZeroWidth() {
        let spoof = safe("report\u{202E}fdp.exe")  // shows as "reportexe.pdf"
        expectSafe(spoof)
        #expect(spoof == "report_fdp.exe.pdf")
        #expect(safe("in\u{200B}voice.pdf") == "in_voice.pdf")
    }

    @Test("Windows device names, in any case and with any extension, get a _ in front",
          arguments: [("CON", "_CON.pdf"), ("con.pdf", "_con.pdf"), ("nul", "_nul.pdf"), ("Aux .pdf", "_Aux.pdf"),
                      ("LPT1.pdf", "_LPT1.pdf"), ("com9.tar.pdf", "_com9.tar.pdf"), ("COM¹.pdf", "_COM¹.pdf"),
                      ("console.pdf", "console.pdf"), ("COM10.pdf", "COM10.pdf")])
    func reservedNames(_ name: String, _ expected: String) {
        #expect(safe(name) == expected)
    }

    @Test("Windows-forbidden characters and NTFS streams become _")
    func windowsCharacters() {
        #expect(safe("a<b>c|d?e*f\"g.pdf") == "a_b_c_d_e_f_g.pdf")
        #expect(safe("file.pdf:Zone.Identifier") == "file.pdf_Zone.Identifier.pdf")
    }

    @Test("leading dots, dashes and spaces and trailing dots and spaces are removed")
    func edges() {
        #expect(safe(".bashrc") == "bashrc.pdf")
        #expect(safe("-rf.pdf") == "rf.pdf")
        #expect(safe("  notes.pdf  ") == "notes.pdf")
        #expect(safe("notes.pdf...") == "notes.pdf")
        #expect(safe("...", index: 2) == "attachment-3.pdf")
        #expect(safe("", index: 0) == "attachment-1.pdf")
    }

    @Test("the extension follows the signed type: report.exe typed as a PDF is stored as a PDF; unknown types are .bin")
    func extensionFollowsType() {
        #expect(safe("report.exe") == "report.exe.pdf")
        #expect(safe("photo.JPG", type: "image/jpeg") == "photo.JPG")
        #expect(safe("photo.jpeg", type: "image/jpeg") == "photo.jpeg")
        #expect(safe("script.sh", type: "application/x-sh") == "script.sh.bin")
        #expect(safe("notes", type: "text/plain") == "notes.txt")
    }

    @Test("far too long names are cut to the bound at a character boundary, extension kept")
    func length() {
        let long = safe(String(repeating: "a", count: 1000) + ".pdf")
        expectSafe(long)
        #expect(long.utf8.count == AttachmentName.maximumBytes)
        #expect(long.hasSuffix("a.pdf"))
        let wide = safe(String(repeating: "é", count: 300) + ".pdf")  // 2 bytes each
        expectSafe(wide)
        #expect(wide.utf8.count <= AttachmentName.maximumBytes)
        #expect(wide.hasSuffix("é.pdf"), "cut between characters, never inside one")
        let flags = safe(String(repeating: "🇬🇧", count: 100) + ".pdf")  // 8-byte characters of two scalars each
        expectSafe(flags)
        #expect(flags.dropLast(4).allSatisfy { $0 == "🇬🇧" }, "no flag cut in half")
        #expect(safe("👩\u{200D}👧.pdf") == "👩_👧.pdf", "a zero-width joiner is a format character like any other")
    }

    @Test("collisions, ignoring case and against files already there, are numbered before the extension")
    func collisions() {
        var taken: Set<String> = ["notes.pdf"]
        #expect(AttachmentName.safe("notes.pdf", type: "application/pdf", index: 0, taken: &taken) == "notes (2).pdf")
        #expect(AttachmentName.safe("NOTES.PDF", type: "application/pdf", index: 1, taken: &taken) == "NOTES (3).PDF")
        #expect(AttachmentName.safe("../notes.pdf", type: "application/pdf", index: 2, taken: &taken) == "_notes.pdf")
        #expect(AttachmentName.safe("", type: "application/pdf", index: 3, taken: &taken) == "attachment-4.pdf")
        #expect(AttachmentName.safe("attachment-4.pdf", type: "application/pdf", index: 4, taken: &taken) == "attachment-4 (2).pdf")
        let long = String(repeating: "b", count: 500) + ".pdf"
        let first = AttachmentName.safe(long, type: "application/pdf", index: 5, taken: &taken)
        let second = AttachmentName.safe(long, type: "application/pdf", index: 6, taken: &taken)
        #expect(first != second && second.hasSuffix(" (2).pdf") && second.utf8.count <= AttachmentName.maximumBytes)
    }
}
