import Foundation
import Testing
@testable import SealpostRecord

@Suite("The example records in examples/records/")
struct ExampleRecordTests {
    @Test func thereAreAtLeastThreeInDifferentStyles() {
        let names = exampleRecords.map(\.name)
        #expect(names.count >= 3)
        #expect(names.contains("disclosure.json"))
    }

    @Test(arguments: RecordValidation.Mode.allCases)
    func everyExampleValidates(mode: RecordValidation.Mode) {
        for example in exampleRecords {
            let issues = recordIssues(example.bytes, mode: mode)
            #expect(issues.isEmpty, "\(example.name): \(issues.map(\.description))")
        }
    }

    @Test func examplesShowWhatRedactionMustHandle() throws {
        for example in exampleRecords {
            let record = try SafeguardingRecord(json: example.bytes)
            #expect(!record.household.isEmpty, "\(example.name) has household members")
            #expect(record.parties.contains { $0.isProtected }, "\(example.name) has a protected third party")
            #expect(!record.narrative.isEmpty)
            // The protected parties are mentioned in the narrative.
            for party in record.parties where party.isProtected {
                let words = party.personName.flatMap(\.familyName).map { [$0] } ?? party.personName?.givenNames ?? []
                #expect(words.contains { record.narrative.localizedCaseInsensitiveContains($0) }, "\(example.name): \(party.id)")
            }
        }
    }

    @Test func nameFormsVaryAcrossExamples() throws {
        var orders: Set<PersonName.Order> = []
        var titled = false
        for example in exampleRecords {
            let record = try SafeguardingRecord(json: example.bytes)
            let names = [record.subject.personName] + record.household.map(\.personName) + record.parties.map(\.personName)
            for name in names.compactMap({ $0 }) {
                orders.insert(name.order)
                if !name.titles.isEmpty { titled = true }
            }
        }
        #expect(orders == [.givenFirst, .familyFirst])
        #expect(titled)
    }

    @Test func phoneNumbersAreInOfcomDramaRanges() throws {
        for example in exampleRecords {
            let record = try SafeguardingRecord(json: example.bytes)
            let phones = record.household.compactMap(\.phone) + record.parties.compactMap(\.phone)
            for phone in phones {
                let digits = phone.filter(\.isNumber)
                let drama = digits.hasPrefix("07700900") || digits.hasPrefix("01632960") || digits.hasPrefix("02079460")
                #expect(drama, "\(example.name): a phone number outside the Ofcom drama ranges")
            }
        }
    }

    @Test func parsingIsFastEnough() throws {
        // Not a benchmark: a guard against accidental quadratic behaviour. Debug builds parse and
        // validate the examples thousands of times a second.
        let clock = ContinuousClock()
        let example = exampleRecords[0].bytes
        let elapsed = clock.measure {
            for _ in 0..<500 { _ = try? SafeguardingRecord(json: example) }
        }
        #expect(elapsed < .seconds(20))
    }
}
