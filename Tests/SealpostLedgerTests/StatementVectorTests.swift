import SealpostVectorFiles
import Foundation
import SealpostCore
import SealpostJSON
import SealpostLedger
import SealpostSodium
import Testing

/// Runs spec/vectors/receipts/statement_*: receipts as carried in JSON, read with the strict parser,
/// checked for form (format, kind, by) and re-serialised canonically before the signature is checked.
struct StatementVectorTests {
    static let all = ((try? FieldVectorFile.load("receipts")) ?? []).filter { $0.name.hasPrefix("statement_") }

    @Test func thereAreValidAndInvalidStatements() {
        #expect(Self.all.filter { $0.value("expect") == "valid" }.count >= 2)
        #expect(Self.all.filter { $0.value("expect") == "invalid" }.count >= 5)
    }

    @Test(arguments: all)
    func statement(_ vector: FieldVectorFile) throws {
        let key = try Ed25519.PublicKey(rawRepresentation: try #require(Hex.decode(try vector.require("by key"))))
        let carried = try JSONParser.parse(vector.body).objectValue
        let receipt = carried.flatMap { object -> Receipt? in
            guard let statement = object["receipt"]?.objectValue, let signature = object["signature"]?.stringValue else { return nil }
            return Receipt(statement: statement, signatureHex: signature)
        }
        let valid = receipt?.isValid(for: key) ?? false
        #expect(valid == (try vector.require("expect") == "valid"), "\(vector)")
        if valid, let receipt { #expect(String(decoding: receipt.bytes, as: UTF8.self) == (try vector.require("statement bytes"))) }
    }
}
