import Foundation
@testable import SealpostRedaction

/// SplitMix64: small, fast, and the same on every platform, so the corpus is reproducible.
struct SeededGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func int(_ n: Int) -> Int { Int(next() % UInt64(max(n, 1))) }
    mutating func int(_ r: ClosedRange<Int>) -> Int { r.lowerBound + int(r.count) }
    mutating func chance(_ p: Double) -> Bool { Double(next() % 1_000_000) / 1_000_000 < p }
    mutating func pick<T>(_ a: [T]) -> T { a[int(a.count)] }

    mutating func shuffle<T>(_ a: inout [T]) {
        guard a.count > 1 else { return }
        for i in stride(from: a.count - 1, to: 0, by: -1) { a.swapAt(i, int(i + 1)) }
    }
}

/// Fictional people and places for the generated corpus. Names come from many backgrounds; some
/// are also ordinary words (Grace, Hope, Will, Black) on purpose. None of these lists is the
/// engine's: several names here are in no list the engine embeds.
enum CorpusPools {
    static let girls = """
        Amira Lily Olivia Aisha Zainab Chloe Maja Zofia Ruby Ella Precious Chidinma Ayesha Priya Siobhan Niamh Freya
        Poppy Grace Hope Summer Amber Rose Jade Leila Hana Ioana Zoë Chloé Esmé Nia Fatima Maryam Hibo Ama Kezia Tia
        Mia Evie Willow Daisy Oluwakemi Saoirse Tamsin Morwenna Ffion Wiktoria Aurelija Thandiwe Yewande Ubah
        """.split(whereSeparator: \.isWhitespace).map(String.init)
    static let boys = """
        Jayden Kacper Mohammed Tyler Ethan Oliver Riley Kai Oskar Dawid Jakub Yusuf Chinedu Kwame Olumide Rhys Callum
        Finlay Seamus Liam Harvey Jack Will Noah Leo Ibrahim Arjun Tomasz Andrei Luca Mateo Theo Alfie Reggie Tyrese
        Malachi Tadhg Cai Radu Tendai Mahad Yonas Bao Kemal Lachlan
        """.split(whereSeparator: \.isWhitespace).map(String.init)
    static let women = """
        Farah Sarah Kelly Donna Jodie Chantelle Agnieszka Magdalena Ioana Ngozi Folake Abena Shazia Rukhsana Parveen
        Harpreet Siobhan Bronagh Eluned Rhiannon Tracey Leanne Stacey Nicola Gemma Katarzyna Elena Fadumo Hodan Zeynep
        Elif Thu Mai Yetunde Comfort Precious Marguerite Saskia Teodora Wanjiru Sorcha Kerry Jacqueline Bernadette
        Rosalind Elizabeth Katherine Margaret Susan Patricia Victoria Rebecca Deborah Amanda Joy Faith Grace May
        """.split(whereSeparator: \.isWhitespace).map(String.init)
    static let men = """
        Kevin Darren Wayne Lee Dean Craig Tariq Imran Shahid Kamran Piotr Tomasz Marek Bartek Przemek Andrei Radu Sorin
        Gintaras Arturas Chukwuemeka Babatunde Kwabena Kofi Tendai Tafadzwa Abdikarim Mahad Yonas Dawit Mehmet Kemal
        Baris Quan Diarmuid Cathal Rhodri Dafydd Jermaine Delroy Tyrone Marlon Gary Shaun Stuart William Robert Richard
        James Michael Thomas Christopher Anthony Frank Mark Will Jack Pat Bill
        """.split(whereSeparator: \.isWhitespace).map(String.init)
    static let surnames = """
        Khan O'Neill O’Brien McDonald MacLeod Smith Jones Evans Patel Begum Chowdhury Kaur Singh Okafor Adeyemi Mensah
        Owusu Nowak Wiśniewski Kowalczyk Dąbrowska Lewandowski Öztürk Şahin Nguyen Tran Popescu Ionescu Jankauskas
        Hoxha Warsame Haile Tesfaye Llewellyn Pritchard Fitzgerald D'Souza Smith-Jones Al-Hassan Papadopoulos Murphy
        Gallagher Byrne Campbell Robertson Thompson Walker Hughes Baker Marsh Wood Black Green Brown King Young Bishop
        Frost Hope Rose Fox Hill Stone Okonkwo Mbeki Dlamini Moyo Chikwanha Yilmaz Demir Kowalski Zielińska Novak
        Horvath Kovacs Ahmed Hussain Mahmood Iqbal Rahman Uddin Sharma Gupta Mistry Joshi
        """.split(whereSeparator: \.isWhitespace).map(String.init)
    static let particleSurnames = ["van der Berg", "de la Cruz", "van Dijk", "Le Roux", "da Silva", "de Souza", "van Rooyen"]
    static let nicknames = ["Big K", "Dizzy", "Tiny", "Shorty", "Bones", "Ziggy", "Smudge", "Spider", "Mack", "Red", "Sparky", "Boo"]
    static let diminutives: [String: [String]] = [
        "William": ["Bill", "Billy", "Will"], "Robert": ["Rob", "Bob", "Bobby"], "Richard": ["Rick", "Ricky"],
        "James": ["Jim", "Jimmy", "Jamie"], "Michael": ["Mike", "Mick"], "Thomas": ["Tom", "Tommy"],
        "Christopher": ["Chris"], "Anthony": ["Tony"], "Elizabeth": ["Liz", "Beth", "Lizzie"],
        "Katherine": ["Kate", "Katie", "Kath"], "Margaret": ["Maggie", "Peggy"], "Susan": ["Sue", "Susie"],
        "Patricia": ["Pat", "Trish"], "Victoria": ["Vicky", "Tori"], "Rebecca": ["Becky", "Becca"],
        "Deborah": ["Debbie", "Debs"], "Amanda": ["Mandy"], "Jacqueline": ["Jackie"], "Kevin": ["Kev"],
        "Darren": ["Daz"], "Gary": ["Gaz"], "Stuart": ["Stu"], "Frank": [], "Bill": [],
    ]
    static let streets = """
        Mill Lane|Acacia Avenue|Cherry Tree Close|Hope Street|Rose Hill|Grace Road|Victoria Road|Station Road|Church Street|
        Beech Grove|Willow Way|Oak Drive|Meadow View|Park Crescent|Elm Terrace|Orchard Mews|Queens Road|Albert Street|
        Moorland Rise|Castle Street|Brook Lane|Sandy Lane|Holly Walk|Bramble Close|Foxglove Gardens|Tennyson Avenue|
        Nelson Street|Ash Grove|Lime Tree Avenue|Summer Lane|Marsh Road|King Street|Jubilee Close|Coronation Road
        """.split(separator: "|").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
    static let abbreviations = ["Lane": "Ln", "Road": "Rd", "Street": "St", "Avenue": "Ave", "Close": "Cl", "Drive": "Dr", "Crescent": "Cres", "Terrace": "Tce"]
    static let blocks = ["Beech House", "Tennyson Court", "Jubilee Tower", "Riverside Point", "Laurel House", "Phoenix Court"]
    static let towns = ["Kingsbridge", "Northgate", "Eastfield", "Millbrook", "Ashworth", "Westfield"]
    static let outward = ["KB1", "KB2", "KB4", "KB7", "KX3", "QV2", "ZW5", "ZW11"]
    static let schools = [
        "St Anne's Primary School", "Oakfield Academy", "Millbrook Primary", "Northgate High School",
        "Kingsbridge Community College", "Holy Trinity C of E Primary", "St Joseph's Catholic Primary",
        "Riverside Infant School", "Eastfield Nursery", "Hollybank Junior School",
    ]
    static let workplaces = [
        "Greggs", "Tesco Extra", "the Royal Oak", "Kingsbridge Fire Station", "Hollyfield Car Wash", "Riverside Care Home",
        "Kwik Fit", "Kingsbridge Taxis", "DHL depot on Carr Lane", "Millbrook Leisure Centre", "Ashworth Motors", "Spice Garden takeaway",
    ]
    static let shops = ["Marks and Spencer", "Sainsbury's", "Barnardo's", "Morrisons", "McDonald's", "Primark", "Boots", "Lidl", "Aldi"]
    static let professionals = ["PC", "DC", "Dr", "Mrs", "Mr", "Ms", "Miss"]
}
