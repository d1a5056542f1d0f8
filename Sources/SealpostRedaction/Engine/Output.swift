/// Turns the decided spans into the redacted texts, people, summary, findings and the map.
struct OutputBuilder {
    let input: RedactionInput
    let index: RecordIndex
    let works: [TextWork]

    /// Tokens are numbered listed protected people first, in record order, then the people
    /// found in the text in order of first appearance; withheld values per category.
    func build() -> Redaction {
        // By person and by withheld value: no hashing per replacement.
        var tokenOf = [String?](repeating: nil, count: index.persons.count)
        var order: [Int32] = []
        var next = 1
        for (i, p) in index.persons.enumerated() where !p.unlisted && !p.kept {
            tokenOf[i] = "[Third party \(next) (\(p.role?.rawValue ?? "party"))]"
            order.append(Int32(i))
            next += 1
        }
        var withheldToken = [String?](repeating: nil, count: index.withheld.count)
        var withheldCount: [IdentifierCategory: Int] = [:]
        var withheldOrder: [Int32] = []
        // Counted in arrays (by category, person and withheld value): no hashing per replacement.
        var categoryCounts = [Int](repeating: 0, count: IdentifierCategory.allCases.count)
        var personUses = [Int](repeating: 0, count: index.persons.count)
        var withheldUses = [Int](repeating: 0, count: index.withheld.count)

        // Each token's bytes, made once: appending an array's bytes is a copy, a string's is not.
        var personBytes = [[UInt8]](repeating: [], count: index.persons.count)
        var withheldBytes = [[UInt8]](repeating: [], count: index.withheld.count)

        var texts: [RedactedText] = []
        var findings: [UncertainFinding] = []
        for w in works {
            var redacted = w.claims.filter { $0.owner.isRedacted && $0.category != nil }
            redacted.sort { $0.start < $1.start }
            var out: [UInt8] = []
            out.reserveCapacity(w.bytes.count)
            var replacements: [Replacement] = []
            replacements.reserveCapacity(redacted.count)
            var cursor = 0
            var shifts: [(original: Int, delta: Int)] = []
            shifts.reserveCapacity(redacted.count)
            for c in redacted {
                let s = Int(c.start), e = Int(c.end)
                guard s >= cursor, e > s else { continue }
                let token: String
                let bytes: [UInt8]
                switch c.owner {
                case .person(let p):
                    if let t = tokenOf[Int(p)] {
                        token = t
                    } else {
                        token = "[Third party \(next) (unlisted)]"
                        tokenOf[Int(p)] = token
                        order.append(p)
                        next += 1
                    }
                    if personBytes[Int(p)].isEmpty { personBytes[Int(p)] = Array(token.utf8) }
                    bytes = personBytes[Int(p)]
                case .withheld(let v):
                    if let t = withheldToken[Int(v)] {
                        token = t
                    } else {
                        let cat = index.withheld[Int(v)].category
                        let n = (withheldCount[cat] ?? 0) + 1
                        withheldCount[cat] = n
                        token = "[Withheld \(cat.tokenWords) \(n)]"
                        withheldToken[Int(v)] = token
                        withheldOrder.append(v)
                        withheldBytes[Int(v)] = Array(token.utf8)
                    }
                    bytes = withheldBytes[Int(v)]
                case .kept:
                    continue
                }
                out.append(contentsOf: w.bytes[cursor..<s])
                let rs = out.count
                out.append(contentsOf: bytes)
                replacements.append(Replacement(token: token, category: c.category!, originalRange: s..<e, range: rs..<out.count))
                shifts.append((e, out.count - e))
                cursor = e
                categoryCounts[c.category!.ordinal] += 1
                switch c.owner {
                case .person(let p): personUses[Int(p)] += 1
                case .withheld(let v): withheldUses[Int(v)] += 1
                case .kept: break
                }
            }
            out.append(contentsOf: w.bytes[cursor...])
            texts.append(RedactedText(path: w.path, text: String(decoding: out, as: UTF8.self), replacements: replacements))
            // One sweep over findings and replacements, both in order of position.
            var r = 0
            var lastStart: Int32 = -1
            // Of findings that start together, the longest is reported.
            for f in w.findings.sorted(by: { $0.start < $1.start || $0.start == $1.start && $0.end > $1.end }) where f.start != lastStart {
                let s = Int(f.start), e = Int(f.end)
                while r < replacements.count && replacements[r].originalRange.upperBound <= s { r += 1 }
                // A finding inside a redacted span has been dealt with.
                if r < replacements.count && replacements[r].originalRange.lowerBound < e { continue }
                lastStart = f.start
                let delta = r > 0 ? shifts[r - 1].delta : 0
                findings.append(UncertainFinding(
                    id: "\(w.path)@\(s)-\(e)", path: w.path, category: f.category, reason: f.reason,
                    range: (s + delta)..<(e + delta), originalRange: s..<e))
            }
        }

        var people: [RedactedPerson] = []
        for (i, p) in input.people.enumerated() {
            let token = i < tokenOf.count ? tokenOf[i] : nil
            var ids = p.identifiers
            if let token, p.isProtected {
                for (category, _) in ids.values {
                    categoryCounts[category.ordinal] += 1
                    personUses[i] += 1
                }
                ids = ids.replacingValues(with: token)
            }
            people.append(RedactedPerson(id: p.id, category: p.category, role: p.role, isProtected: p.isProtected,
                                         token: p.isProtected ? token : nil, identifiers: ids))
        }

        var tokenUses: [RedactionSummary.TokenUse] = []
        var entries: [PseudonymMap.Entry] = []
        for p in order {
            let person = index.persons[Int(p)]
            let token = tokenOf[Int(p)]!
            tokenUses.append(.init(token: token, label: person.label, occurrences: personUses[Int(p)]))
            var identities = index.words[Int(p)].mentions
            if let li = person.listedIndex {
                let ids = input.people[li].identifiers
                identities = ids.values.map(\.value)
            }
            entries.append(.init(token: token, personID: person.listedIndex.map { input.people[$0].id }, label: person.label,
                                 identities: identities))
        }
        for v in withheldOrder {
            let value = index.withheld[Int(v)]
            let token = withheldToken[Int(v)]!
            let label = "withheld \(value.category.tokenWords)"
            tokenUses.append(.init(token: token, label: label, occurrences: withheldUses[Int(v)]))
            entries.append(.init(token: token, personID: nil, label: label, identities: [value.text]))
        }
        var counts: [IdentifierCategory: Int] = [:]
        for (i, c) in IdentifierCategory.allCases.enumerated() where categoryCounts[i] > 0 { counts[c] = categoryCounts[i] }
        let summary = RedactionSummary(counts: counts, tokens: tokenUses, uncertainCount: findings.count)
        let record = RedactedRecord(texts: texts, people: people, summary: summary, uncertain: findings)
        return Redaction(record: record, pseudonyms: PseudonymMap(entries: entries))
    }
}

extension IdentifierCategory {
    /// The position in `allCases`, without hashing.
    var ordinal: Int {
        switch self {
        case .name: 0
        case .phone: 1
        case .email: 2
        case .postcode: 3
        case .nhsNumber: 4
        case .niNumber: 5
        case .dob: 6
        case .address: 7
        case .vehicle: 8
        case .handle: 9
        case .workplace: 10
        }
    }
}
