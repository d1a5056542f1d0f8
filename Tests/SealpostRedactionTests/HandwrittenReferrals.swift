@testable import SealpostRedaction

/// Hand-written referrals with the cases that are hardest to get right. Every name, number and
/// place in them is fictional. Markup: `[[p:ID:category|text]]` must be redacted (ID is the person,
/// "u…" someone the record does not list, "?" nobody), `[[k:category|text]]` must be kept.
enum HandwrittenReferrals {
    struct Source {
        var id: String
        var style: String
        var notes: String
        var people: [RedactionPerson]
        var texts: [(String, String)]
    }

    static func person(_ id: String, _ category: PersonCategory, _ role: PartyRole? = nil, protect: Bool? = nil,
                       name: String? = nil, aka: [String] = [], address: String? = nil, phone: String? = nil,
                       email: String? = nil, dob: String? = nil, nhs: String? = nil, ni: String? = nil,
                       work: String? = nil, vehicle: String? = nil, handle: String? = nil) -> RedactionPerson {
        RedactionPerson(id: id, category: category, role: role, protect: protect, identifiers: PersonIdentifiers(
            name: name, aka: aka, address: address, phone: phone, email: email, dob: dob, nhsNumber: nhs, niNumber: ni,
            workplace: work, vehicle: vehicle, handle: handle))
    }

    static let all: [Source] = [
        Source(id: "hw-01", style: "school", notes: "Shared surname: kept mother and sibling, protected uncle; titles decide.",
               people: [
                person("s", .subject, name: "Lily Smith", address: "22 Acacia Avenue, Kingsbridge, KB2 7QT", dob: "2015-06-14"),
                person("m", .household, name: "Mrs Jane Smith", phone: "07700 900101"),
                person("u", .party, .relative, name: "Paul Smith", address: "5 Orchard Mews, Northgate, KB4 1DD", phone: "07700 900102"),
               ],
               texts: [("narrative", """
                [[k:name|Lily]] told her teacher that her uncle [[p:u:name|Paul Smith]] had shouted at her at the weekend. \
                [[k:name|Mrs Smith]] (Mum) was not there at the time. [[k:name|Lily]] said [[p:u:name|Mr Smith]] grabbed her wrist \
                and left a mark. [[k:name|Jane]] later rang the school from [[k:phone|07700 900101]] and said [[p:u:name|Paul]] \
                has been staying at their house at [[k:address|22 Acacia Avenue]] since [[k:ordinary|May]]. \
                [[p:u:name|Paul]]’s own flat is at [[p:u:address|5 Orchard Mews]], [[p:u:postcode|KB4 1DD]], and his mobile is [[p:u:phone|07700900102]].
                """)]),
        Source(id: "hw-02", style: "neighbour_call", notes: "Neighbour shares the street and postcode with the child; caller protected.",
               people: [
                person("s", .subject, name: "Kacper Nowak", address: "12 Mill Lane, Kingsbridge KB1 4XY"),
                person("m", .household, name: "NOWAK, Agnieszka", phone: "01632 960410"),
                person("r", .party, .referrer, protect: true, name: "Kevin O'Neill", address: "14 Mill Lane, Kingsbridge KB1 4XY", phone: "07700 900222"),
               ],
               texts: [("narrative", """
                Caller ([[p:r:name|Kevin O’Neill]]) lives next door at [[p:r:address|14 Mill Lane]], [[k:postcode|KB1 4XY]], and \
                asked that the family is not told he rang. He says the boy at [[k:address|12 Mill Lane]] is left alone most evenings. \
                [[p:r:name|Mr O'Neill]] can be called back on [[p:r:phone|+44 7700 900222]]. [[p:r:name|Kevin]] believes Mum \
                ([[k:name|Agnieszka]]) works nights. He has heard [[k:name|Kacper]] crying through the wall. \
                [[p:r:name|O'Neill]]'s wife has also noticed.
                """)]),
        Source(id: "hw-03", style: "school", notes: "Ordinary words that are names, with a protected party called Grace Black.",
               people: [
                person("s", .subject, name: "Will Turner", address: "3 Rose Hill, Eastfield, ZW5 2AB"),
                person("m", .household, name: "Summer Turner"),
                person("p", .party, .friend, name: "Grace Black", phone: "07700 900303"),
               ],
               texts: [("narrative", """
                [[k:name|Will]] has been upset since [[k:ordinary|May]]. We [[k:ordinary|hope]] that [[k:ordinary|Mark]]ing this as \
                urgent helps. Mum ([[k:name|Summer]]) said she [[k:ordinary|will]] come in on Monday. [[k:name|Will]] told staff that \
                Mum's friend [[p:p:name|Grace]] shouts at him and once slapped him. By the [[k:ordinary|grace]] of a passing parent \
                he got home safely. [[p:p:name|Grace Black]] is described as [[k:ordinary|Black]] British, about 30. The family's \
                [[k:ordinary|faith]] is important to them and [[k:ordinary|Faith]] leaders have been supportive. In the \
                [[k:ordinary|Summer]] term attendance was 88%. The case is rated [[k:ordinary|Amber]]. [[k:ordinary|Frank]] \
                discussions were held with Mum, who said [[p:p:name|Grace]]'s number is [[p:p:phone|07700 900 303]].
                """)]),
        Source(id: "hw-04", style: "health_visitor", notes: "Organisations that look like surnames, and a protected party who works at one.",
               people: [
                person("s", .subject, name: "Amelia Morrison", dob: "2023-11-02"),
                person("m", .household, name: "Leanne Morrison", phone: "07700 900404"),
                person("p", .party, .other, name: "Darren Spencer", work: "Kingsbridge Fire Station"),
               ],
               texts: [("narrative", """
                Home visit. [[k:name|Leanne]] said she shops at [[k:org|Marks and Spencer]] and [[k:org|Sainsbury's]] when she \
                can afford it, and has had vouchers for [[k:org|Morrisons]]. She has had support from [[k:org|Barnardo's]]. \
                [[k:name|Amelia]]'s older cousin goes to [[k:org|St Anne's School]]. Mum's ex-partner [[p:p:name|Darren Spencer]] \
                works at [[p:p:workplace|Kingsbridge Fire Station]] and has been turning up uninvited. [[k:name|Leanne]] said \
                [[p:p:name|Darren]] has not met [[k:name|Amelia]] and she wants it to stay that way.
                """)]),
        Source(id: "hw-05", style: "police", notes: "Surname first, capitals, dates of birth in brackets, NI number, vehicle.",
               people: [
                person("s", .subject, name: "Tyrese Campbell", address: "Flat 6, Jubilee Tower, Northgate, KB7 3RS", dob: "2012-01-30"),
                person("m", .household, name: "CAMPBELL, Monique", phone: "07700 900505", dob: "1990-08-19"),
                person("p", .party, .other, name: "Jermaine WATSON", dob: "1986-02-11", ni: "QQ 12 34 56 C", vehicle: "KX19 FGH"),
                person("x", .party, .professional, protect: false, name: "PC Sarah Lowe"),
               ],
               texts: [("narrative", """
                PERSONS PRESENT: [[k:name|CAMPBELL, Monique]] ([[k:dob|19/08/1990]]) - mother; [[k:name|CAMPBELL, Tyrese]] \
                ([[k:dob|30/01/2012]]) - child; [[p:p:name|WATSON, Jermaine]] ([[p:p:dob|11/02/1986]]) - suspect.
                CIRCUMSTANCES: [[p:p:name|WATSON]] WAS SEEN LEAVING [[k:address|JUBILEE TOWER]] IN VEHICLE [[p:p:vehicle|KX19FGH]]. \
                HE WAS STOPPED ON [[k:date|14/02/2025]] AND ARRESTED. NI NUMBER [[p:p:ni_number|QQ123456C]]. \
                [[k:name|PC Lowe]] spoke with [[k:name|Monique]], who said [[p:p:name|Jermaine]] had threatened her.
                """)]),
        Source(id: "hw-06", style: "school", notes: "Initials used as shorthand in a school log.",
               people: [
                person("s", .subject, name: "Aisha Begum"),
                person("b", .household, name: "Yusuf Begum"),
                person("n", .party, .friend, protect: nil, name: "Chloe Davies-Hart"),
                person("p", .party, .other, name: "Dean Kowalski"),
               ],
               texts: [("narrative", """
                [[k:name|AB]] came to the office at lunch. [[k:name|AB]] said [[p:p:name|DK]] had been waiting outside the gates \
                again and asked her to get in his car. [[k:name|AB]] said her friend [[p:n:name|CDH]] saw it. \
                [[p:n:name|Chloe]] confirmed that [[p:p:name|D.K.]] has been giving girls lifts. [[k:name|Yusuf]] (brother) \
                was told by [[p:p:name|Dean]] to "keep his mouth shut".
                """)]),
        Source(id: "hw-07", style: "gp", notes: "Diminutives and nicknames; subject's NHS number kept, partner's redacted.",
               people: [
                person("s", .subject, name: "Maisie Clarke", dob: "2019-03-07", nhs: "943 476 5919"),
                person("m", .household, name: "Katherine Clarke"),
                person("p", .party, .other, name: "William James Hargreaves", aka: ["Bodge"], dob: "12/12/1979", nhs: "401 023 2137"),
               ],
               texts: [("narrative", """
                Re: [[k:name|Maisie Clarke]], NHS No [[k:nhs_number|943 476 5919]]. Mum ([[k:name|Kate]]) attended with \
                [[k:name|Maisie]]. [[k:name|Kate]] told me her partner [[p:p:name|Bill]] has been drinking heavily. \
                [[p:p:name|Mr Hargreaves]] (DOB [[p:p:dob|12.12.79]], NHS [[p:p:nhs_number|4010232137]]) is known locally as \
                "[[p:p:name|Bodge]]". [[k:name|Katie]] said [[p:p:name|Billy]] once locked [[k:name|Maisie]] in the shed. \
                I have advised [[k:name|Katherine]] to contact the police if [[p:p:name|William]] returns.
                """)]),
        Source(id: "hw-08", style: "online_form", notes: "Lowercase online form with typos, unlisted people, unattributed numbers.",
               people: [
                person("s", .subject, name: "Jayden Price"),
                person("m", .household, name: "Stacey Price"),
                person("r", .party, .referrer, name: "Julie Harrop", address: "9 Bramble Close, Millbrook ZW11 4PL", phone: "07700 900808"),
               ],
               texts: [("narrative", """
                i live at [[p:r:address|9 bramble close]] and my nieghbour [[k:name|stacey]] has a new boyfriend called \
                [[p:u1:name|dean]] who is always shouting. the little boy [[k:name|jayden]] is only 6. [[p:u1:name|dean]] \
                has mates round all night, one of them [[p:u2:name|Tyrell]] sells weed from a car outside. \
                someone keeps ringing from [[p:?:phone|07700900999]] and leaving threats. \
                you can call me on [[p:r:phone|07700 900 808]] but PLEASE dont tell [[k:name|stacey]] it was me. \
                my name is [[p:r:name|julie]].
                """)]),
        Source(id: "hw-09", style: "police", notes: "Particles, apostrophes, hyphens and diacritics.",
               people: [
                person("s", .subject, name: "Zoë van der Berg"),
                person("m", .household, name: "Marieke van der Berg"),
                person("p", .party, .other, name: "José de la Cruz", phone: "+44 7700 900909"),
                person("n", .party, .neighbour, name: "Siobhán Ní Bhriain"),
                person("u", .party, .relative, name: "Łukasz Wiśniewski-Kaur"),
               ],
               texts: [("narrative", """
                [[k:name|Zoe]] (also written [[k:name|Zoë]]) lives with Mum [[k:name|Marieke van der Berg]]. \
                [[p:p:name|Jose de la Cruz]] was present. [[p:p:name|De La Cruz]] is known to police. \
                [[p:p:name|José]]'s phone is [[p:p:phone|07700 900909]]. The neighbour [[p:n:name|Siobhan]] called police; \
                [[p:n:name|Ms Ní Bhriain]] said she has heard this before. [[k:name|Zoë]]'s uncle [[p:u:name|Lukasz]] \
                ([[p:u:name|Mr Wisniewski-Kaur]]) collected her.
                """)]),
        Source(id: "hw-10", style: "school", notes: "One-letter misspellings of protected names.",
               people: [
                person("s", .subject, name: "Oliver Grant"),
                person("p", .party, .other, name: "Stephen Macintyre"),
                person("n", .party, .neighbour, name: "Rhiannon Pritchard"),
               ],
               texts: [("narrative", """
                [[k:name|Oliver]] said [[p:p:name|Stephen Macintrye]] (Mum's boyfriend) hit him. Later he called him \
                [[p:p:name|Stephan]]. The neighbour [[p:n:name|Rhianon Pritchard]] saw [[p:p:name|Mr Macintyre]] \
                shouting in the street. [[p:n:name|Ms Prichard]] has offered to make a statement.
                """)]),
        Source(id: "hw-11", style: "neighbour_call", notes: "People the record does not list, found by cues.",
               people: [
                person("s", .subject, name: "Chidinma Okafor"),
                person("m", .household, name: "Ngozi Okafor"),
               ],
               texts: [("narrative", """
                Caller reports that a man named [[p:u1:name|Wojciech]] has been sleeping at the flat. [[k:name|Chidinma]] told \
                the caller that [[p:u1:name|Wojciech]] and his friend [[p:u2:name|Mr Abernathy]] drink all day. \
                [[p:u2:name|Abernathy]] has a dog that bit [[k:name|Chidinma]] last week. Mum ([[k:name|Ngozi]]) \
                has a sister, Aunty [[p:u3:name|Folake]], who sometimes helps. The caller also mentioned \
                [[p:u4:name|PC Henderson]] came out last month.
                """)]),
        Source(id: "hw-12", style: "health_visitor", notes: "Kept phone, email and vehicle of the household; protected ones around them.",
               people: [
                person("s", .subject, name: "Noah Fletcher"),
                person("m", .household, name: "Gemma Fletcher", phone: "07700 900121", email: "gemma.f@example.com", vehicle: "AB21 CDE"),
                person("p", .party, .friend, protect: nil, name: "Shaun Riley", phone: "01632 960122", email: "shaunr88@example.org", vehicle: "YX68 PLM", handle: "@shaun_r88"),
               ],
               texts: [("narrative", """
                Mum ([[k:name|Gemma]], [[k:phone|07700900121]], [[k:email|gemma.f@example.com]]) says her car [[k:vehicle|AB21 CDE]] \
                was damaged. She thinks [[p:p:name|Shaun]] did it. [[p:p:name|Shaun Riley]] drives [[p:p:vehicle|YX68 PLM]] and \
                messages her from [[p:p:email|ShaunR88@example.org]] and on Instagram as [[p:p:handle|@shaun_r88]]. His landline is \
                [[p:p:phone|(01632) 960 122]].
                """)]),
        Source(id: "hw-13", style: "gp", notes: "Dates: incident dates kept, dates of birth of protected people redacted.",
               people: [
                person("s", .subject, name: "Harvey Bell", dob: "2017-09-04"),
                person("m", .household, name: "Claire Bell", dob: "1991-05-23"),
                person("u", .party, .relative, name: "Graham Bell", dob: "1958-03-15"),
               ],
               texts: [("narrative", """
                [[k:name|Harvey]] (DOB [[k:dob|04/09/2017]]) was seen on [[k:date|3 March 2025]] with Mum [[k:name|Claire]] \
                (born [[k:dob|23rd May 1991]]). Grandad [[p:u:name|Graham Bell]], born [[p:u:dob|15/03/1958]], looks after him on \
                Tuesdays. An appointment on [[k:date|17/03/2025]] was missed. Another patient with the same birthday \
                (d.o.b. [[p:?:dob|02/02/2002]]) was mentioned in error.
                """)]),
        Source(id: "hw-14", style: "police", notes: "Protected neighbour with protect false is kept; an unlisted officer is protected.",
               people: [
                person("s", .subject, name: "Mia Hughes"),
                person("m", .household, name: "Rebecca Hughes"),
                person("n", .party, .neighbour, protect: false, name: "Doreen Atkins", address: "16 Station Road, Ashworth", phone: "01632 960141"),
                person("p", .party, .other, protect: true, name: "Lee Pickering"),
               ],
               texts: [("narrative", """
                Neighbour [[k:name|Doreen Atkins]] of [[k:address|16 Station Road]] ([[k:phone|01632 960141]]) is happy to be named. \
                [[k:name|Mrs Atkins]] saw [[p:p:name|Lee Pickering]] kick the door. [[p:p:name|Pickering]] left before \
                [[p:u1:name|PC Ojukwu]] arrived. [[k:name|Mia]] and Mum [[k:name|Rebecca]] went to stay with [[k:name|Doreen]].
                """)]),
        Source(id: "hw-15", style: "school", notes: "Quotes, dialogue and lists.",
               people: [
                person("s", .subject, name: "Ruby Walsh"),
                person("m", .household, name: "Louise Walsh"),
                person("p", .party, .other, name: "Craig Doherty", aka: ["Dozza"]),
                person("z", .party, .friend, name: "Tia Marsh"),
               ],
               texts: [
                ("narrative", """
                Disclosure recorded verbatim:
                - "[[p:p:name|Dozza]] came round again."
                - "Who is [[p:p:name|Dozza]]?" "Mum's friend, [[p:p:name|Craig]]. He smells of smoke."
                - "[[p:z:name|Tia]] was there too, she's my best friend."
                [[k:name|Ruby]] said she doesn't want [[p:p:name|Craig]] to know she told.
                """),
                ("statements[0].text", "\"[[p:p:name|Craig]] said he'd hurt [[k:name|Mum]]\" - [[k:name|Ruby]]"),
                ("statements[1].text", "[[p:z:name|Tia Marsh]]'s mum confirmed [[p:p:name|Mr Doherty]] was at the house."),
               ]),
        Source(id: "hw-16", style: "online_form", notes: "Social media handles in several forms; a kept handle.",
               people: [
                person("s", .subject, name: "Evie Knight", handle: "@evie.k.2010"),
                person("p", .party, .other, name: "Ryan Moss", handle: "ryanmoss_07"),
               ],
               texts: [("narrative", """
                My daughter is friends with [[k:name|Evie]] ([[k:handle|@evie.k.2010]] on TikTok). A man calling himself \
                [[p:p:name|Ryan]] has been messaging her. His Snapchat is [[p:p:handle|ryanmoss_07]] and his Facebook is \
                facebook.com/[[p:p:handle|ryan.moss.5417]]. He also uses Instagram: [[p:?:handle|r_m_official]].
                """)]),
        Source(id: "hw-17", style: "health_visitor", notes: "Addresses in forms; flats in the same building.",
               people: [
                person("s", .subject, name: "Ibrahim Hassan", address: "Flat 3, Laurel House, 40 Tennyson Avenue, Westfield ZW5 8HN"),
                person("m", .household, name: "Hodan Hassan"),
                person("n", .party, .neighbour, name: "Sandra Pike", address: "Flat 5, Laurel House, 40 Tennyson Avenue, Westfield ZW5 8HN"),
               ],
               texts: [("narrative", """
                Visit to [[k:address|Flat 3, Laurel House]], [[k:address|40 Tennyson Avenue]], [[k:postcode|ZW5 8HN]]. \
                [[k:name|Hodan]] said the woman in [[p:n:address|Flat 5]], [[p:n:name|Sandra]], bangs on the ceiling. \
                [[p:n:name|Mrs Pike]] has reported the family to the landlord. [[k:name|Ibrahim]] is settled.
                """)]),
        Source(id: "hw-18", style: "neighbour_call", notes: "Names with ordinary meanings as a protected party: Will and Hope.",
               people: [
                person("s", .subject, name: "Jack Dawson"),
                person("p", .party, .other, name: "Will Hope"),
               ],
               texts: [("narrative", """
                Caller says [[p:p:name|Will Hope]] is always at the house. [[p:p:name|Will]] shouts at [[k:name|Jack]]. \
                The caller [[k:ordinary|will]] ring back. There is little [[k:ordinary|hope]] of Mum asking him to leave. \
                [[p:p:name|Mr Hope]] drives a white van. [[k:ordinary|Will]] you let the caller know what happens?
                """)]),
        Source(id: "hw-19", style: "school", notes: "A child and a protected adult with the same first name.",
               people: [
                person("s", .subject, name: "Jake Wilson"),
                person("m", .household, name: "Tina Wilson"),
                person("p", .party, .other, name: "Jake Turnbull"),
               ],
               texts: [("narrative", """
                [[k:name|Jake Wilson]] said that [[p:p:name|Jake Turnbull]] (Mum's partner) hit him. [[k:name|Jake W]] was \
                crying. [[p:p:name|Mr Turnbull]] has been told by Mum to leave. [[p:p:name|Turnbull]] denies it.
                """)]),
        Source(id: "hw-20", style: "police", notes: "Phone numbers in many formats, some belonging to nobody.",
               people: [
                person("s", .subject, name: "Leo Martin"),
                person("m", .household, name: "Kerry Martin", phone: "+44 7700 900201"),
                person("p", .party, .other, name: "Gary Nolan", phone: "07700 900202"),
               ],
               texts: [("narrative", """
                Mum [[k:name|Kerry]] ([[k:phone|07700 900201]]) reported calls from [[p:p:name|Gary Nolan]] on \
                [[p:p:phone|0044 7700 900202]] and [[p:p:phone|07700-900-202]]. Further calls came from \
                [[p:?:phone|(01632) 960 999]] and [[p:?:phone|+44 (0)20 7946 0321]]. Police reference 4410 2025 0003 is kept. \
                Mum can also be reached on [[k:phone|+447700900201]].
                """)]),
        Source(id: "hw-21", style: "gp", notes: "The mother's phone number in the household is kept; an email that belongs to nobody is not.",
               people: [
                person("s", .subject, name: "Sofia Rossi"),
                person("m", .household, name: "Giulia Rossi", phone: "01632 960 211", email: "g.rossi@example.net"),
               ],
               texts: [("narrative", """
                Please contact Mum on [[k:phone|01632960211]] or [[k:email|g.rossi@example.net]]. She has received messages \
                from [[p:?:email|anon.watcher@example.com]] saying [[k:name|Sofia]] will be taken.
                """)]),
        Source(id: "hw-22", style: "school", notes: "Mr/Mrs with a kept and a protected person of the same surname.",
               people: [
                person("s", .subject, name: "Ella Patel"),
                person("m", .household, name: "Mrs Priya Patel"),
                person("f", .household, name: "Raj Patel"),
                person("u", .party, .relative, name: "Mr Sanjay Patel", phone: "07700 900221"),
               ],
               texts: [("narrative", """
                [[k:name|Mrs Patel]] told us that [[p:u:name|Sanjay]] (her brother-in-law) has been visiting when \
                [[k:name|Raj]] is at work. [[k:name|Ella]] is frightened of Uncle [[p:u:name|Sanjay]]. [[k:name|Mr Raj Patel]] \
                is aware. [[p:u:name|Sanjay Patel]] can be contacted on [[p:u:phone|07700 900 221]].
                """)]),
        Source(id: "hw-23", style: "health_visitor", notes: "Protected workplace and unlisted workplace; street without number.",
               people: [
                person("s", .subject, name: "Poppy Lane", address: "7 Willow Way, Millbrook, ZW11 2CC"),
                person("m", .household, name: "Hayley Lane"),
                person("p", .party, .other, name: "Marcus Reid", address: "88 Castle Street, Millbrook", work: "Hollyfield Car Wash"),
               ],
               texts: [("narrative", """
                [[k:name|Hayley]] lives on [[k:address|Willow Way]] with [[k:name|Poppy]]. Her ex [[p:p:name|Marcus]] works at \
                [[p:p:workplace|Hollyfield Car Wash]] and lives on [[p:p:address|Castle Street]]. [[k:name|Poppy]] goes to \
                the [[k:org|Millbrook Children's Centre]] twice a week.
                """)]),
        Source(id: "hw-24", style: "police", notes: "Protect nil is protected; a person mentioned across fields.",
               people: [
                person("s", .subject, name: "Kai Thompson"),
                person("n", .party, .neighbour, protect: nil, name: "Olumide Adeyemi", phone: "07700 900241"),
               ],
               texts: [
                ("narrative", "[[p:n:name|Olumide Adeyemi]] reported seeing [[k:name|Kai]] alone at the bus stop at 23:00."),
                ("statements[0].text", "[[p:n:name|Mr Adeyemi]] said: \"I have seen him out late many times.\""),
                ("statements[1].text", "[[p:n:name|Olumide]] gave his number as [[p:n:phone|07700900241]]."),
               ]),
    ]

    static func records() throws -> [CorpusRecord] {
        try all.map { src in
            let texts = try src.texts.map { path, markup -> CorpusText in
                let (text, protected, keep) = try Markup.parse(markup)
                return CorpusText(path: path, text: text, protected: protected, keep: keep)
            }
            return CorpusRecord(id: src.id, style: src.style, notes: src.notes, people: src.people, texts: texts)
        }
    }
}
