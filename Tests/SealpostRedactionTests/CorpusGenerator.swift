import Foundation
@testable import SealpostRedaction

/// One person in a generated referral, with the values the structured record holds and the
/// ways the text may mention them.
struct GenPerson {
    var slot: String
    var id: String
    var given: String
    var middle: String?
    var surname: String?
    var female: Bool
    var title: String?
    var protected: Bool
    var listed: Bool
    var category: PersonCategory
    var role: PartyRole?
    var protect: Bool?
    var nickname: String?
    var phone: String?
    var email: String?
    var dob: (y: Int, m: Int, d: Int)?
    var houseNumber: Int?
    var street: String?
    var town: String?
    var postcode: String?
    var flat: (Int, String)?
    var work: String?
    var vehicle: String?
    var handle: String?
    var nhs: String?
    var ni: String?
    var nameStyle = 0

    var adult: Bool { slot != "S" && slot != "B" }
    var fullName: String { [given, surname].compactMap { $0 }.joined(separator: " ") }
}

/// Composes realistic referrals from varied templates and fictional people with a fixed seed.
/// Templates use `{SLOT}` for a mention of a person in a form chosen at random, `{SLOT.form}`
/// for a given form or identifier, and inline `[[k:...|...]]` for words that must be kept.
struct CorpusGenerator {
    var rng: SeededGenerator
    var style = ""
    var people: [String: GenPerson] = [:]
    var usedPhones = Set<String>()

    init(seed: UInt64) { rng = SeededGenerator(state: seed) }

    static let styles = ["school", "gp", "health_visitor", "police", "neighbour_call", "online_form"]

    mutating func records(count: Int) throws -> [CorpusRecord] {
        var out: [CorpusRecord] = []
        for i in 0..<count {
            let style = Self.styles[i % Self.styles.count]
            out.append(try record(id: String(format: "gen-%03d", i + 1), style: style))
        }
        return out
    }

    // MARK: - People

    var usedNames = Set<String>()

    /// A given name not yet used in this referral (two people with one first name are rare).
    mutating func name(female: Bool, adult: Bool) -> String {
        while true {
            let n = adult ? (female ? rng.pick(CorpusPools.women) : rng.pick(CorpusPools.men))
                : (female ? rng.pick(CorpusPools.girls) : rng.pick(CorpusPools.boys))
            // Nor one that is another's short form (Pat and Patricia, Rose and Rosalind).
            if Self.related(n).contains(where: usedNames.contains) { continue }
            if usedNames.insert(n).inserted { return n }
        }
    }

    static func related(_ n: String) -> [String] {
        let lower = n.lowercased()
        var out: [String] = []
        for line in Diminutives.groups.split(separator: "\n") {
            let words = line.replacingOccurrences(of: ":", with: " ").split(separator: " ").map(String.init)
            if words.contains(lower) { out += words.filter { $0 != lower }.map { $0.prefix(1).uppercased() + $0.dropFirst() } }
        }
        return out
    }

    mutating func surname() -> String {
        rng.chance(0.1) ? rng.pick(CorpusPools.particleSurnames) : rng.pick(CorpusPools.surnames)
    }

    mutating func phone() -> String {
        while true {
            let p = rng.chance(0.7) ? String(format: "07700900%03d", rng.int(1000)) : String(format: "01632960%03d", rng.int(1000))
            if usedPhones.insert(p).inserted { return p }
        }
    }

    mutating func postcode() -> String {
        let letters = Array("ABDEFGHJLNPQRSTUWXYZ")
        return "\(rng.pick(CorpusPools.outward)) \(rng.int(10))\(rng.pick(letters))\(rng.pick(letters))"
    }

    mutating func nhs() -> String {
        while true {
            var d = [9] + (0..<8).map { _ in rng.int(10) }
            var sum = 0
            for i in 0..<9 { sum += d[i] * (10 - i) }
            var check = 11 - sum % 11
            if check == 11 { check = 0 }
            if check == 10 { continue }
            d.append(check)
            return d.map(String.init).joined()
        }
    }

    mutating func ni() -> String {
        let prefix = rng.pick(["QQ", "BG", "GB", "NK", "KN", "TN", "NT", "ZZ"])
        return prefix + String(format: "%06d", rng.int(1_000_000)) + rng.pick(["A", "B", "C", "D"])
    }

    mutating func vehicle() -> String {
        let letters = Array("ABCDEFGHJKLMNOPRSTUVWXYZ")
        return "\(rng.pick(letters))\(rng.pick(letters))\(String(format: "%02d", rng.int(10...74))) \(rng.pick(letters))\(rng.pick(letters))\(rng.pick(letters))"
    }

    mutating func person(_ slot: String, id: String, female: Bool, adult: Bool, category: PersonCategory,
                         role: PartyRole?, protect: Bool?, surname fixed: String? = nil) -> GenPerson {
        var given = name(female: female, adult: adult)
        if adult && rng.chance(0.12) {
            let formal = rng.pick(CorpusPools.diminutives.keys.sorted().filter { CorpusPools.diminutives[$0]!.count > 0 })
            let isFemaleName = ["Elizabeth", "Katherine", "Margaret", "Susan", "Patricia", "Victoria", "Rebecca", "Deborah", "Amanda", "Jacqueline"].contains(formal)
            if isFemaleName == female && usedNames.insert(formal).inserted { given = formal }
        }
        let protected = category == .party && protect != false
        var p = GenPerson(slot: slot, id: id, given: given, surname: fixed ?? surname(), female: female, title: nil,
                          protected: protected, listed: true, category: category, role: role, protect: protect)
        if adult { p.title = female ? rng.pick(["Mrs", "Ms", "Miss", "Mrs"]) : "Mr" }
        if rng.chance(0.15) { p.middle = name(female: female, adult: true) }
        p.nameStyle = rng.int(5)
        return p
    }

    mutating func giveAddress(_ p: inout GenPerson, street: String? = nil, number: Int? = nil, postcode pc: String? = nil, town: String? = nil) {
        p.street = street ?? rng.pick(CorpusPools.streets)
        p.houseNumber = number ?? rng.int(1...180)
        p.town = town ?? rng.pick(CorpusPools.towns)
        p.postcode = pc ?? postcode()
        if rng.chance(0.1) { p.flat = (rng.int(1...40), rng.pick(CorpusPools.blocks)) }
    }

    mutating func giveDetails(_ p: inout GenPerson, rich: Bool) {
        p.phone = phone()
        if rng.chance(rich ? 0.6 : 0.3) {
            let local = "\(p.given.lowercased().folding(options: .diacriticInsensitive, locale: nil)).\((p.surname ?? "x").lowercased().folding(options: .diacriticInsensitive, locale: nil).filter(\.isLetter))"
            p.email = "\(local)\(rng.chance(0.5) ? String(rng.int(10...99)) : "")@\(rng.pick(["example.com", "example.org", "example.net", "mail.example.co.uk"]))"
        }
        if rng.chance(rich ? 0.7 : 0.3) { p.dob = (rng.int(1960...2004), rng.int(1...12), rng.int(1...28)) }
        if rng.chance(rich ? 0.4 : 0.15) { p.work = rng.pick(CorpusPools.workplaces) }
        if rng.chance(rich ? 0.4 : 0.1) { p.vehicle = vehicle() }
        if rng.chance(rich ? 0.4 : 0.1) {
            p.handle = "\(p.given.lowercased().folding(options: .diacriticInsensitive, locale: nil).prefix(4))_\(rng.pick(["x", "boi", "official", "99", "kb", "uk"]))\(rng.int(10...99))"
        }
        if rng.chance(rich ? 0.3 : 0.1) { p.ni = ni() }
        if rng.chance(0.25) { p.nickname = rng.pick(CorpusPools.nicknames) }
    }

    mutating func buildPeople() {
        people = [:]
        usedNames = []
        let childFemale = rng.chance(0.5)
        let familySurname = surname()
        var s = person("S", id: "s", female: childFemale, adult: false, category: .subject, role: nil, protect: nil, surname: familySurname)
        s.title = nil
        giveAddress(&s)
        s.dob = (rng.int(2008...2022), rng.int(1...12), rng.int(1...28))
        s.nhs = nhs()
        s.work = rng.pick(CorpusPools.schools)
        people["S"] = s
        var m = person("M", id: "m", female: true, adult: true, category: .household, role: nil, protect: nil,
                       surname: rng.chance(0.7) ? familySurname : surname())
        m.title = rng.pick(["Mrs", "Ms", "Miss"])
        giveAddress(&m, street: s.street, number: s.houseNumber, postcode: s.postcode, town: s.town)
        m.flat = s.flat
        giveDetails(&m, rich: false)
        people["M"] = m
        if rng.chance(0.55) {
            var f = person("F", id: "f", female: false, adult: true, category: .household, role: nil, protect: nil,
                           surname: rng.chance(0.5) ? familySurname : surname())
            giveDetails(&f, rich: false)
            people["F"] = f
        }
        if rng.chance(0.45) {
            let b = person("B", id: "b", female: rng.chance(0.5), adult: false, category: .household, role: nil, protect: nil, surname: familySurname)
            people["B"] = b
        }
        // The referrer: a professional who may be named, or a caller who must be protected.
        switch style {
        case "neighbour_call", "online_form":
            var r = person("R", id: "r", female: rng.chance(0.6), adult: true, category: .party, role: .referrer,
                           protect: rng.chance(0.5) ? true : nil)
            giveAddress(&r, street: rng.chance(0.6) ? s.street : nil, postcode: rng.chance(0.3) ? s.postcode : nil)
            giveDetails(&r, rich: false)
            people["R"] = r
        default:
            var r = person("R", id: "r", female: rng.chance(0.6), adult: true, category: .party, role: .referrer, protect: false)
            if style == "police" { r.title = rng.pick(["PC", "DC", "PS"]) }
            if style == "gp" { r.title = "Dr" }
            r.phone = phone()
            people["R"] = r
        }
        if rng.chance(0.75) {
            let protect: Bool? = rng.chance(0.15) ? false : (rng.chance(0.5) ? true : nil)
            var n = person("N", id: "n", female: rng.chance(0.5), adult: true, category: .party, role: .neighbour, protect: protect)
            giveAddress(&n, street: rng.chance(0.7) ? s.street : nil, postcode: rng.chance(0.5) ? s.postcode : nil, town: s.town)
            if n.street == s.street && n.houseNumber == s.houseNumber { n.houseNumber! += 2 }
            giveDetails(&n, rich: true)
            people["N"] = n
        }
        if rng.chance(0.55) {
            let protect: Bool? = rng.pick([true, false, nil, nil])
            var u = person("U", id: "u", female: rng.chance(0.4), adult: true, category: .party, role: .relative, protect: protect,
                           surname: rng.chance(0.5) ? familySurname : nil)
            giveAddress(&u)
            giveDetails(&u, rich: true)
            people["U"] = u
        }
        if rng.chance(0.65) {
            var p = person("P", id: "p", female: false, adult: true, category: .party, role: rng.pick([.friend, .other]),
                           protect: rng.chance(0.8) ? nil : true)
            giveAddress(&p)
            giveDetails(&p, rich: true)
            if rng.chance(0.3) { p.nhs = nhs() }
            people["P"] = p
        }
        if rng.chance(0.5) {
            var x = person("X", id: "x", female: rng.chance(0.6), adult: true, category: .party, role: .professional, protect: false)
            x.title = rng.chance(0.3) ? "Dr" : (x.female ? rng.pick(["Mrs", "Ms", "Miss"]) : "Mr")
            x.phone = phone()
            people["X"] = x
        }
        for (slot, id) in [("Z", "z1"), ("Y", "z2")] where rng.chance(slot == "Z" ? 0.6 : 0.3) {
            var z = person(slot, id: id, female: rng.chance(0.5), adult: true, category: .party, role: nil, protect: nil)
            z.listed = false
            z.protected = true
            if rng.chance(0.4) { z.surname = nil }
            people[slot] = z
        }
    }

    // MARK: - Structured values

    func structuredName(_ p: GenPerson) -> String {
        let sur = p.surname ?? ""
        switch p.nameStyle {
        case 1 where p.middle != nil: return "\(p.given) \(p.middle!) \(sur)"
        case 2: return "\(sur.uppercased()), \(p.given)"
        case 3: return "\(sur), \(p.given)"
        case 4 where p.title != nil: return "\(p.title!) \(p.given) \(sur)"
        default: return "\(p.given) \(sur)"
        }
    }

    func addressLine(_ p: GenPerson) -> String? {
        guard let street = p.street, let n = p.houseNumber else { return nil }
        var parts: [String] = []
        if let (flat, block) = p.flat { parts.append("Flat \(flat), \(block)") }
        parts.append("\(n) \(street)")
        if let town = p.town { parts.append(town) }
        if let pc = p.postcode { parts.append(pc) }
        return parts.joined(separator: ", ")
    }

    func redactionPerson(_ p: GenPerson) -> RedactionPerson {
        var ids = PersonIdentifiers(name: structuredName(p))
        if let nick = p.nickname { ids.aka = [nick] }
        ids.address = addressLine(p)
        ids.phone = p.phone.map { Self.formatPhone(canonical: $0, variant: 0) }
        ids.email = p.email
        if let d = p.dob { ids.dob = String(format: "%04d-%02d-%02d", d.y, d.m, d.d) }
        ids.nhsNumber = p.nhs
        ids.niNumber = p.ni
        ids.workplace = p.work
        ids.vehicle = p.vehicle
        ids.handle = p.handle.map { "@" + $0 }
        return RedactionPerson(id: p.id, category: p.category, role: p.role, protect: p.protect, identifiers: ids)
    }

    // MARK: - Formats

    static func formatPhone(canonical c: String, variant: Int) -> String {
        let d = Array(c)
        let mobile = c.hasPrefix("07")
        let a = String(d[0..<5]), b = String(d[5...])
        let national = String(d[1...])
        switch variant % 8 {
        case 0: return "\(a) \(b)"
        case 1: return c
        case 2: return mobile ? "\(a)-\(b.prefix(3))-\(b.suffix(3))" : "(\(a)) \(b)"
        case 3: return "+44 \(national.prefix(4)) \(national.dropFirst(4))"
        case 4: return "+44 (0)\(national.prefix(4)) \(national.dropFirst(4))"
        case 5: return "(\(a)) \(b.prefix(3)) \(b.suffix(3))"
        case 6: return "0044 \(national.prefix(4)) \(national.dropFirst(4))"
        default: return "\(a) \(b.prefix(3)) \(b.suffix(3))"
        }
    }

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]

    mutating func formatDate(_ d: (y: Int, m: Int, d: Int)) -> String {
        let ord = [1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd", 31: "st"][d.d] ?? "th"
        switch rng.int(8) {
        case 0: return String(format: "%02d/%02d/%04d", d.d, d.m, d.y)
        case 1: return String(format: "%d/%d/%02d", d.d, d.m, d.y % 100)
        case 2: return String(format: "%02d.%02d.%04d", d.d, d.m, d.y)
        case 3: return "\(d.d)\(ord) \(Self.monthNames[d.m - 1]) \(d.y)"
        case 4: return "\(d.d) \(Self.monthNames[d.m - 1]) \(d.y)"
        case 5: return "\(Self.monthNames[d.m - 1]) \(d.d), \(d.y)"
        case 6: return String(format: "%04d-%02d-%02d", d.y, d.m, d.d)
        default: return String(format: "%02d-%02d-%04d", d.d, d.m, d.y)
        }
    }

    mutating func incidentDate() -> String {
        let d = (rng.int(2023...2025), rng.int(1...12), rng.int(1...28))
        return formatDate(d)
    }

    /// A one-letter slip: a letter dropped, doubled, changed, or two swapped.
    mutating func misspell(_ w: String) -> String {
        var c = Array(w)
        guard c.count >= 5, c.allSatisfy(\.isLetter) else { return w }
        let i = rng.int(1...(c.count - 3))
        switch rng.int(4) {
        case 0: c.remove(at: i)
        case 1: c.swapAt(i, i + 1)
        case 2: c.insert(c[i], at: i)
        default:
            let vowels: [Character] = ["a", "e", "i", "o", "u", "y"]
            if vowels.contains(c[i]) { c[i] = vowels.filter { $0 != c[i] }[rng.int(5)] } else { c.swapAt(i, i + 1) }
        }
        let out = String(c)
        // A slip that makes a real word or place ("Imran" to "Iran") is no longer recognisably a name.
        if out == w || Lexicon.shared.flags(Tokenizer.hash(out)) != 0 { return w }
        return out
    }

    // MARK: - Mentions

    func mark(_ p: GenPerson, _ category: String, _ text: String, shared: Bool = false) -> String {
        p.protected && !shared ? "[[p:\(p.id):\(category)|\(text)]]" : "[[k:\(category)|\(text)]]"
    }

    /// True when a kept person has the same value: it is theirs too, and kept.
    func keptShares(_ p: GenPerson, _ same: (GenPerson) -> Bool) -> Bool {
        p.protected && people.values.contains { !$0.protected && $0.listed && $0.id != p.id && same($0) }
    }

    /// A mention of `p`'s name in a form suited to the style.
    mutating func mention(_ p: GenPerson, form requested: String? = nil) -> String {
        var form = requested ?? "any"
        if form == "any" {
            var forms = ["first", "first", "first", "full", "full"]
            // A careful writer does not call two people by the same "Mrs Khan".
            let clash = people.values.contains { $0.id != p.id && $0.surname == p.surname && $0.female == p.female && $0.protected != p.protected }
            if p.adult && p.surname != nil && !clash { forms += ["title", "title"] }
            if p.protected && p.listed {
                if p.nickname != nil { forms.append("nick") }
                if let d = CorpusPools.diminutives[p.given], !d.isEmpty { forms += ["dim", "dim"] }
                forms += ["misspelt"]
                if p.surname != nil && style == "school" { forms.append("initials") }
                let clash = people.values.contains { $0.id != p.id && $0.surname == p.surname && $0.given.prefix(1) == p.given.prefix(1) }
                if p.surname != nil && !clash { forms.append("kinitial") }
            } else if p.slot == "S" && style == "school" {
                forms += ["initials", "initials"]
            }
            if style == "police" && p.surname != nil && p.listed {
                forms += clash ? ["capsfull"] : ["caps", "caps", "capsfull"]
            }
            if style == "online_form" { forms += ["lower", "lower"] }
            form = rng.pick(forms)
        }
        let sur = p.surname ?? p.given
        let apostrophe = rng.chance(0.35) ? "’" : "'"
        switch form {
        case "first": return mark(p, "name", p.given)
        case "full": return mark(p, "name", p.surname == nil ? p.given : p.fullName)
        case "title":
            let clash = people.values.contains { $0.id != p.id && $0.surname == p.surname && $0.female == p.female && $0.protected != p.protected }
            if p.surname == nil || p.title == nil || clash { return mark(p, "name", p.surname == nil ? p.given : p.fullName) }
            return mark(p, "name", "\(p.title!) \(sur)")
        case "poss": return mark(p, "name", rng.chance(0.5) || p.surname == nil ? p.given : p.fullName) + apostrophe + "s"
        case "nick": return p.nickname.map { mark(p, "name", $0) } ?? mark(p, "name", p.given)
        case "dim": return mark(p, "name", CorpusPools.diminutives[p.given].map { $0.isEmpty ? p.given : rng.pick($0) } ?? p.given)
        case "misspelt":
            if let s = p.surname, s.count >= 5, !s.contains(" "), rng.chance(0.5) { return mark(p, "name", "\(p.given) \(misspell(s))") }
            return p.given.count >= 5 ? mark(p, "name", misspell(p.given)) : mark(p, "name", p.given)
        case "initials":
            guard let s = p.surname else { return mark(p, "name", p.given) }
            let letters = "\(p.given.prefix(1))\(s.split(separator: " ").last!.prefix(1))".uppercased()
            return mark(p, "name", rng.chance(0.3) ? letters.map { "\($0)." }.joined() : letters)
        case "kinitial":
            guard let s = p.surname else { return mark(p, "name", p.given) }
            return mark(p, "name", "\(p.given.prefix(1)). \(s)")
        case "caps":
            let clash = people.values.contains { $0.id != p.id && $0.surname == p.surname && $0.protected != p.protected }
            return mark(p, "name", clash ? "\(sur.uppercased()), \(p.given)" : sur.uppercased())
        case "capsfull":
            return mark(p, "name", "\(sur.uppercased()), \(p.given)")
        case "lower":
            return mark(p, "name", rng.chance(0.5) ? p.given.lowercased() : p.fullName.lowercased())
        default:
            return mark(p, "name", p.given)
        }
    }

    mutating func value(_ p: GenPerson, _ field: String) -> String? {
        switch field {
        case "first", "full", "title", "poss", "nick", "dim", "caps", "capsfull", "lower", "initials", "misspelt":
            return mention(p, form: field)
        case "phone":
            guard let ph = p.phone else { return nil }
            return mark(p, "phone", Self.formatPhone(canonical: ph, variant: rng.int(1...7)))
        case "email": return p.email.map { mark(p, "email", rng.chance(0.2) ? $0.uppercased() : $0) }
        case "addr":
            guard let street = p.street, let n = p.houseNumber else { return nil }
            var st = street
            if rng.chance(0.3), let last = street.split(separator: " ").last, let ab = CorpusPools.abbreviations[String(last)] {
                st = street.split(separator: " ").dropLast().joined(separator: " ") + " " + ab
            }
            if let (flat, block) = p.flat, rng.chance(0.5) {
                let shared = keptShares(p) { $0.flat?.0 == flat && $0.flat?.1 == block }
                // The building is a kept person's too: only the flat number identifies.
                if !shared && keptShares(p, { $0.flat?.1 == block }) {
                    return mark(p, "address", "Flat \(flat)") + ", [[k:address|\(block)]]"
                }
                return mark(p, "address", "Flat \(flat), \(block)", shared: shared)
            }
            if style == "online_form" && rng.chance(0.5) { st = st.lowercased() }
            let shared = keptShares(p) { $0.houseNumber == n && $0.street == street }
            return mark(p, "address", "\(n) \(st)", shared: shared)
        case "number":
            guard let n = p.houseNumber else { return nil }
            return "number " + mark(p, "address", "\(n)", shared: keptShares(p) { $0.houseNumber == n })
        case "pc":
            guard let pc = p.postcode else { return nil }
            let v = rng.int(4)
            let text = v == 0 ? pc.replacingOccurrences(of: " ", with: "") : (v == 1 && style == "online_form" ? pc.lowercased() : pc)
            return mark(p, "postcode", text, shared: keptShares(p) { $0.postcode == pc })
        case "dob":
            guard let d = p.dob else { return nil }
            return mark(p, "dob", formatDate(d))
        case "work": return p.work.map { work in mark(p, "workplace", work, shared: keptShares(p) { $0.work == work }) }
        case "veh": return p.vehicle.map { mark(p, "vehicle", rng.chance(0.4) ? $0.replacingOccurrences(of: " ", with: "") : $0) }
        case "handle": return p.handle.map { mark(p, "handle", rng.chance(0.5) ? "@" + $0 : $0) }
        case "nhs":
            guard let n = p.nhs else { return nil }
            let a = Array(n)
            return mark(p, "nhs_number", rng.chance(0.6) ? "\(String(a[0..<3])) \(String(a[3..<6])) \(String(a[6...]))" : n)
        case "ni":
            guard let n = p.ni else { return nil }
            let a = Array(n)
            return mark(p, "ni_number", rng.chance(0.5) ? "\(String(a[0..<2])) \(String(a[2..<4])) \(String(a[4..<6])) \(String(a[6..<8])) \(a[8])" : n)
        case "he": return p.female ? "she" : "he"
        case "He": return p.female ? "She" : "He"
        case "him": return p.female ? "her" : "him"
        case "his": return p.female ? "her" : "his"
        case "His": return p.female ? "Her" : "His"
        case "school": return p.work.map { "[[k:org|\($0)]]" }
        case "rel": return p.female ? "aunt" : "uncle"
        case "Rel": return p.female ? "Aunt" : "Uncle"
        default: return nil
        }
    }

    /// Fills a template; nil when it needs a person or value this referral does not have.
    mutating func fill(_ template: String) -> String? {
        var out = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            out += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else { return nil }
            let key = String(rest[rest.index(after: open)..<close])
            rest = rest[rest.index(after: close)...]
            let parts = key.split(separator: ".", maxSplits: 1).map(String.init)
            switch parts[0] {
            case "date": out += "[[k:date|\(incidentDate())]]"
            case "time": out += String(format: "%02d:%02d", rng.int(7...21), rng.pick([0, 5, 10, 15, 20, 30, 40, 45, 50]))
            case "ord": out += rng.pick(Self.ordinary)
            case "shop": out += "[[k:org|\(rng.pick(CorpusPools.shops))]]"
            case "uphone": out += "[[p:?:phone|\(Self.formatPhone(canonical: phone(), variant: rng.int(8)))]]"
            case "town": out += people["S"]?.town ?? "Kingsbridge"
            default:
                guard let p = people[parts[0]] else { return nil }
                if parts.count == 1 {
                    out += mention(p)
                } else {
                    guard let v = value(p, parts[1]) else { return nil }
                    out += v
                }
            }
        }
        out += rest
        return out
    }

    /// Ordinary words that are also names, brands that look like surnames, and the like.
    static let ordinary = [
        "We [[k:ordinary|hope]] this information is useful.", "[[k:ordinary|Hope]] this helps.",
        "There is little [[k:ordinary|hope]] of change without support.", "Mum said she had been struggling since [[k:ordinary|May]].",
        "Attendance dropped after [[k:ordinary|May]] half term.", "[[k:ordinary|Will]] you please advise on next steps?",
        "She [[k:ordinary|will]] be seen again next week.", "The teacher made a [[k:ordinary|mark]] on the register.",
        "[[k:ordinary|Mark]] this as urgent please.", "There was a [[k:ordinary|rose]] bush by the door.",
        "Ethnicity is recorded as [[k:ordinary|Black]] British.", "The family describe themselves as [[k:ordinary|White]] Irish.",
        "She has been given a [[k:ordinary|grace]] period on the rent arrears.", "Mum's [[k:ordinary|faith]] is very important to her.",
        "[[k:ordinary|Faith]] leaders at the mosque have offered support.", "Attendance in the [[k:ordinary|Summer]] term was 71%.",
        "Over the [[k:ordinary|summer]] holidays things got worse.", "We had a [[k:ordinary|frank]] conversation with Mum.",
        "[[k:ordinary|Frank]] discussions were held with both parents.", "The electricity [[k:ordinary|bill]] has not been paid.",
        "Dad has threatened to [[k:ordinary|sue]] the school.", "Staff gave him a [[k:ordinary|pat]] on the back for his work.",
        "The case is RAG rated [[k:ordinary|Amber]].", "Risk level: [[k:ordinary|Amber]].", "The car [[k:ordinary|jack]] was left in the hallway.",
        "There was no [[k:ordinary|joy]] in the house, she said.", "Mum works nights at [[k:org|Marks and Spencer]].",
        "The children were seen at [[k:org|Sainsbury's]] on their own.", "A referral to [[k:org|Barnardo's]] was discussed.",
        "Mum had food vouchers for [[k:org|Morrisons]].", "He was seen outside [[k:org|McDonald's]] late at night.",
        "Mum said they had [[k:ordinary|Christmas]] at home.", "A food parcel came from the [[k:ordinary|church]].",
        "She wore a [[k:ordinary|Jack]] Wills hoodie that was far too small.", "The [[k:ordinary|Grace]] period for the rent has ended.",
        "Early Help was offered in [[k:ordinary|April]] but declined.", "He said he wants to be a [[k:ordinary|baker]] when he grows up.",
        "School uniform was provided by [[k:org|Barnardo's]].", "The family were referred to the [[k:org|Trussell Trust]] food bank.",
    ]

    // MARK: - Records

    mutating func record(id: String, style: String) throws -> CorpusRecord {
        self.style = style
        buildPeople()
        let pool = Self.templates(for: style)
        var sentences: [String] = []
        var tries = 0
        let target = rng.int(6...11)
        var used = Set<Int>()
        while sentences.count < target && tries < 200 {
            tries += 1
            let i = rng.int(pool.count)
            guard !used.contains(i), let s = fill(pool[i]) else { continue }
            used.insert(i)
            sentences.append(s)
        }
        // Make sure the protected people listed are usually mentioned at least once.
        for slot in ["N", "U", "P", "Z"] where people[slot] != nil && rng.chance(0.8) {
            if let s = fill(rng.pick(Self.introductions[slot]!)) { sentences.insert(s, at: rng.int(sentences.count + 1)) }
        }
        if rng.chance(0.35) { sentences.insert(rng.pick(Self.ordinary), at: rng.int(sentences.count + 1)) }
        var narrative = header(style) + join(sentences)
        if style == "gp", let closing = fill("\n\nYours sincerely,\n{R.title}") { narrative += closing }
        if style == "online_form" { narrative = roughen(narrative) }
        var texts = [try annotated("narrative", narrative)]
        let statements = rng.int(0...3)
        for i in 0..<statements {
            if let s = fill(rng.pick(Self.statements)) { texts.append(try annotated("statements[\(i)].text", s)) }
        }
        let listed = people.values.filter(\.listed).sorted { order($0.slot) < order($1.slot) }
        return CorpusRecord(id: id, style: style, notes: nil, people: listed.map(redactionPerson), texts: texts)
    }

    func order(_ slot: String) -> Int { Array("SMFBRNUPXZY").firstIndex(of: Character(slot)) ?? 99 }

    func annotated(_ path: String, _ source: String) throws -> CorpusText {
        let (text, protected, keep) = try Markup.parse(source)
        return CorpusText(path: path, text: text, protected: protected, keep: keep)
    }

    mutating func join(_ sentences: [String]) -> String {
        var out = ""
        for (i, s) in sentences.enumerated() {
            if i > 0 { out += rng.chance(0.25) ? "\n\n" : " " }
            out += s
        }
        return out
    }

    /// Online forms: no capital at the start of some sentences, some typos, few full stops.
    mutating func roughen(_ s: String) -> String {
        var out = s.replacingOccurrences(of: " We ", with: " we ").replacingOccurrences(of: ". She ", with: ". she ")
            .replacingOccurrences(of: ". He ", with: ". he ").replacingOccurrences(of: ". The ", with: ". the ")
        let typos = [("received", "recieved"), ("because", "becuase"), ("their", "thier"), ("really", "realy"), ("shouting", "shoutting"),
                     ("neighbour", "nieghbour"), ("definitely", "definately"), ("the ", "teh ")]
        for (a, b) in typos where rng.chance(0.4) {
            if let r = out.range(of: a), !out[..<r.lowerBound].hasSuffix("|"), !out[..<r.lowerBound].hasSuffix("[[") {
                // only outside markup
                let before = out[..<r.lowerBound]
                if before.components(separatedBy: "[[").count == before.components(separatedBy: "]]").count { out.replaceSubrange(r, with: b) }
            }
        }
        return out
    }

    mutating func header(_ style: String) -> String {
        let lines: [String]
        switch style {
        case "school":
            lines = ["Date/time of concern: {date} {time}", "Reported by: {R.title} (class teacher)", "Pupil: {S.full} (Year \(rng.int(1...11)))",
                     "School: {S.school}", "Category: \(rng.pick(["Neglect", "Physical", "Emotional", "Domestic abuse", "Online safety"]))", ""]
        case "gp":
            lines = ["Dear Colleague,", "", "Re: {S.full}, DOB {S.dob}, NHS No {S.nhs}", "Address: {S.addr}, {S.pc}", ""]
        case "health_visitor":
            lines = ["Health visiting contact record", "Child: {S.full}   DOB: {S.dob}", "Home visit on {date} at {time}.", ""]
        case "police":
            lines = ["PUBLIC PROTECTION NOTICE (CHILD)", "OFFICER: {R.title} \(rng.int(1000...9999))", "DATE OF INCIDENT: {date}",
                     "CHILD: {S.capsfull} ({S.dob})", "", "CIRCUMSTANCES:"]
        case "neighbour_call":
            lines = ["MASH contact record - telephone call", "Call received {date} at {time}.", ""]
        default:
            lines = ["Online referral form", "Your relationship to the child: \(rng.pick(["neighbour", "family friend", "member of public", "relative"]))",
                     "Child's name: {S.full}", "What are you worried about?", ""]
        }
        return lines.compactMap { fill($0) ?? (style == "police" ? nil : "") }.joined(separator: "\n") + "\n"
    }
}
