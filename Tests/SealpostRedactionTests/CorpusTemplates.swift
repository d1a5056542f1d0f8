/// Sentence templates for the generated referrals, by style. Written for this corpus.
extension CorpusGenerator {
    static let introductions: [String: [String]] = [
        "N": [
            "{N.full} lives next door at {N.addr}.", "The neighbour, {N.title}, rang the school on {N.phone} to say she was worried.",
            "Next door neighbour {N.first} has been heard shouting at the children over the fence.",
            "A neighbour ({N.full}, {N.phone}) reported hearing screaming late at night.",
            "Their neighbour {N.title} at {N.number} has complained about the noise several times.",
            "{S.first} said {S.he} is scared of the man next door, {N.first}.",
            "The neighbour at {N.addr}, {N.pc}, says the children are often left alone.",
        ],
        "U": [
            "{S.first} stays with {S.his} {U.rel} {U.full} most weekends.", "{U.Rel} {U.first} has been collecting {S.first} from school.",
            "Mum's brother-in-law {U.full} (DOB {U.dob}) was present during the incident.",
            "{S.first} told staff that {S.his} {U.rel} {U.first} lives at {U.addr} and {S.he} sometimes sleeps there.",
            "The family say {U.title} can be contacted on {U.phone}.",
        ],
        "P": [
            "Mum's boyfriend {P.full} has been staying at the house for about a month.",
            "{P.first}, Mum's new partner (DOB {P.dob}), is not the children's father.",
            "Mum's friend {P.first} drives a grey car, registration {P.veh}.",
            "{S.first} said Mum's boyfriend {P.first} shouts a lot and once threw a plate.",
            "Mum's partner {P.full} works at {P.work}.",
            "{P.title} is said to message {S.first} on Snapchat as {P.handle}.",
        ],
        "Z": [
            "{S.His} friend {Z.first} was also there.", "A man called {Z.full} has been visiting the flat late at night.",
            "Mum's friend {Z.first} sometimes babysits.", "{S.first} mentioned an older boy named {Z.first} who gives {S.him} money.",
            "{S.first} said {S.his} friend {Z.first} saw what happened.", "Mum said her mate {Z.full} was staying over.",
        ],
    ]

    static let generic = [
        "{S.first} came into school on {date} with a bruise on {S.his} cheek and said {N} had grabbed {S.him}.",
        "{S.first} said {S.he} was frightened of {P} because he shouts when he has been drinking.",
        "Mum ({M.first}) said she would keep {S.first} away from {N.title}.",
        "{M} can be contacted on {M.phone}.", "Mum's mobile is {M.phone}.", "{S.poss} mum told us she works evenings.",
        "{S.first} has been late {ord}", "{ord}", "{ord}",
        "{S.first} said {U} shouted at Mum and pushed her against the wall.",
        "According to {S.first}, {P} keeps a knife in his car ({P.veh}).",
        "{P} was arrested in {date} and is on bail.", "{N} told Mum she would call the police if it happened again.",
        "{S.first} disclosed that {Z.first} touched {S.him} inappropriately at the park.",
        "{Z.first} is said to be about 17 and lives on the estate.", "{Z} has not been seen since.",
        "{S.first} said {P.poss} friend {Y.first} gives {S.him} vapes.", "{Y} was described as a white male in his twenties.",
        "Mum's number is {M.phone}; she prefers texts.", "{F} is the father of both children and lives at home.",
        "{F.first} has not been seen at the school this term.", "{B.first} (sibling) is in Year 2 and no concerns have been raised.",
        "{S.first} and {B.first} were both at home when it happened.", "{U.title} has offered to look after the children.",
        "{S.first} says {S.he} misses {S.his} {U.rel} {U.first}.", "{N.poss} dog was barking all night and {S.first} could not sleep.",
        "{S.first} stated that {P.first} had told {S.him} not to tell anyone.", "{X.title} from the surgery has been informed.",
        "We have discussed this with {X}, who agrees a referral is needed.", "{R.title} can be reached on {R.phone}.",
        "A number of calls were made to Mum from {uphone}, which she says she does not recognise.",
        "{S.first} has been seen with {Z} after school most days.", "{P.first} is thought to be staying at {P.addr}.",
        "{S.first} said that {N.first} gave {S.him} sweets and asked {S.him} to come inside.",
        "On {date} {S.first} arrived without a coat and said {S.he} had not eaten since lunch the day before.",
        "Mum's friend {Z.first} drove {S.first} home on {date}.", "There are concerns about {P.first} being in contact with {S.first} online ({P.handle}).",
        "{P.title}'s email address is {P.email}.", "{N.title} can be contacted at {N.email}.",
        "{S.first} attends {S.school}.", "The family live at {S.addr}, {S.pc}.", "{S.poss} date of birth is {S.dob}.",
    ]

    static let school = [
        "During registration {S.first} told {R.title} that {N} had hit {S.him} with a belt.",
        "At break {S.first} was crying and said {S.he} didn't want to go home because {P.first} would be there.",
        "{S.initials} was observed to be withdrawn in class and would not take {S.his} coat off.",
        "When asked about the mark on {S.his} arm, {S.first} said \"{P.first} did it\".",
        "{S.first} has arrived hungry most days this week and asked for extra toast at breakfast club.",
        "{R.title} spoke to Mum at pick-up; Mum said {S.first} had fallen over.",
        "{S.first} told {S.his} teaching assistant that {U.first} lets {S.him} watch horror films.",
        "{S.initials} disclosed that {N.first} next door took photographs of {S.him} in the garden.",
        "Attendance is currently 82% and {S.first} has been late on 14 occasions.",
        "{S.first} was collected by {Z.first}, who is not on the list of approved adults.",
        "{S.first} said that {P} was \"really angry\" last night and smashed the TV.",
        "In PSHE {S.first} said {S.he} doesn't feel safe at home when {P.title} is there.",
        "{S.first} said {Z.first}'s older brother has been sending {S.him} messages on Snapchat.",
        "Staff noticed {S.first} had a burn mark on {S.his} hand; {S.he} said it was from {U.poss} cigarette.",
        "DSL {R.title} has spoken with {S.first} and recorded {S.his} words.",
        "{S.first} was upset in Maths and said {N.title} had called {S.him} names over the fence.",
        "The class teacher noticed {S.first} flinched when an adult raised their voice.",
        "Mum did not attend the parents' evening on {date}.",
    ]

    static let gp = [
        "I saw {S.first} today with Mum, {M}, regarding a bruise to the left upper arm.",
        "Mum reports that the injury happened while {S.he} was at {U.poss} house.",
        "The explanation given does not fit the pattern of bruising.",
        "Mum disclosed that her partner {P.full} (DOB {P.dob}) has been controlling and has hit her.",
        "{P.title}'s NHS number is {P.nhs} and he is registered at another practice.",
        "Mum said she is frightened of {P.first} and that he checks her phone.",
        "I have also seen a note that {S.first} attended A&E on {date} with a similar injury.",
        "{S.first} appeared underweight (below the 2nd centile) and Mum has missed three appointments.",
        "Mum mentioned that {N} has been helping with childcare.",
        "Please contact me at the surgery if you need further information.",
        "Mum asked that {U.title} not be told about this referral.",
        "{S.first} was quiet during the consultation and would not make eye contact.",
        "I understand from Mum that {Z.first}, a friend of her partner, has been staying at the house.",
    ]

    static let healthVisitor = [
        "Present at the visit were Mum ({M.first}), {S.first} and Mum's friend {Z.first}.",
        "The home was cluttered and there was a strong smell of cannabis.",
        "Mum said {P.first} had left the night before after an argument.",
        "{S.first} was in a soiled nappy and had nappy rash.",
        "Mum said {U} helps with the shopping and lives at {U.addr}.",
        "There was no food in the fridge apart from milk.",
        "Mum appeared low in mood and said she has not been sleeping.",
        "Mum disclosed that {P} pushed her while she was holding {S.first}.",
        "{N.title} from next door came round during the visit and asked for money.",
        "Mum's new phone number is {M.phone}.", "A follow-up visit is booked for {date}.",
        "Mum asked that her friend {Z.first} not be contacted.",
        "{S.first} is not yet registered with a GP.",
    ]

    static let police = [
        "OFFICERS ATTENDED {S.addr} FOLLOWING A 999 CALL FROM {N}.",
        "ON ARRIVAL {P.capsfull} WAS IN THE KITCHEN AND APPEARED INTOXICATED.",
        "{P.caps} (DOB {P.dob}) WAS ARRESTED FOR ASSAULT AND TAKEN TO CUSTODY.",
        "THE CHILD {S.first} WAS IN THE FRONT ROOM AND WITNESSED THE INCIDENT.",
        "Mum ({M}) had a cut to her lip and said {P.first} had punched her.",
        "{P.caps} has a previous history of domestic abuse with a former partner.",
        "His vehicle {P.veh} was parked outside the address.",
        "{P.caps}'s National Insurance number is recorded as {P.ni}.",
        "The neighbour {N.capsfull} stated she heard banging and screaming from about 23:00.",
        "{U.capsfull} ARRIVED AND TOOK THE CHILDREN TO HER ADDRESS AT {U.addr}.",
        "A DASH risk assessment was completed and graded MEDIUM.",
        "Witness {Z.full} left the scene before officers arrived.",
        "Intelligence suggests {P.first} is linked to {Z} through drug supply.",
        "BWV was recorded. Mum declined to make a statement.",
        "Officer contact: {R.title}, {R.phone}.",
    ]

    static let neighbourCall = [
        "Caller wishes to remain anonymous and lives on the same street as the family.",
        "The caller, {R.first}, said she lives at {R.addr} and can see into the family's garden.",
        "The caller can be called back on {R.phone} but asked that the family is not told who rang.",
        "Caller reports the children are often outside until after 10pm with no coat.",
        "Caller says a man called {Z.first} comes to the house most nights and there is shouting.",
        "Caller states that {P.first} drives a {P.veh} and parks on the pavement.",
        "Caller says {N} has also noticed the children crying.",
        "Caller said \"I've heard {P.first} screaming at the little one\".",
        "Caller gave her email as {R.email} for any follow-up.",
        "Caller believes Mum is called {M.first} and the eldest child is {S.first}.",
        "Caller said the family moved in around Easter.",
        "Caller has seen {S.first} going through the bins.",
    ]

    static let onlineForm = [
        "my neighbours kids are always crying and i think their mum's boyfriend {P.first} hits them",
        "i live at {R.addr} and can hear everything through the wall",
        "the little one {S.first} told my daughter that {P} locks {S.him} in the bedroom",
        "you can contact me on {R.phone} but please dont tell them it was me",
        "there is a man called {Z.first} who comes round with drugs",
        "{P.first} has a black car reg {P.veh}",
        "{S.first} is always dirty and hungry and asks my kids for food",
        "i spoke to {N.first} at {N.number} and she has seen the same",
        "his snapchat is {P.handle}", "their mum is {M.first} i dont know her surname",
        "it happens mostly at weekends when {U.first} is not there",
        "please do something before someone gets hurt",
    ]

    static let statements = [
        "\"{P.first} hit Mum and then he hit me,\" {S.first} said.",
        "\"I don't like going to {U.poss} house,\" said {S.first}.",
        "\"{N.first} told me to keep it a secret,\" {S.first} told the teacher.",
        "\"Me and {Z.first} were at the park when it happened,\" {S.first} said.",
        "{S.first} said: \"Mum cried all night because {P.first} shouted.\"",
        "\"He said if I told anyone he would hurt {B.first},\" {S.first} said.",
        "Mum said: \"{P.first} has never touched the kids, it's just me.\"",
        "{N.title} said she had seen {P.first} kick the door in on {date}.",
        "{S.first} said {S.he} would like to live with {U.title}.",
        "\"{Z.first} gave me a vape and said not to tell,\" said {S.first}.",
        "\"I heard {P.first} shouting at {S.first} again,\" the caller said.",
    ]

    static func templates(for style: String) -> [String] {
        switch style {
        case "school": return school + generic
        case "gp": return gp + generic
        case "health_visitor": return healthVisitor + generic
        case "police": return police + generic
        case "neighbour_call": return neighbourCall + generic
        default: return onlineForm + generic
        }
    }
}
