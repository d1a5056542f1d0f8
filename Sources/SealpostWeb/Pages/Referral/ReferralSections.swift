import SealpostAgreement
import SealpostRecord

/// The referral's question pages, in the order of the task list: consent first, as the guidance
/// asks, then the child, the household, other people, the author, what happened, statements,
/// the concern, and why and on what basis it is shared. Choices are the record schema's own.
enum ReferralSections {
    typealias C = Question.Choice

    static func label(_ raw: String) -> String {
        if let known = ["mash": "MASH", "childrens_social_care": "Children's social care", "fgm": "FGM", "nhs": "NHS"][raw] { return known }
        let words = raw.replacingOccurrences(of: "_", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    static let exceptions: [C] = [
        C(value: "increased_risk_of_harm", label: "It would place the child or others at increased risk of significant harm"),
        C(value: "adult_at_risk_of_serious_harm", label: "It would place an adult at significant risk of serious harm"),
        C(value: "prevention_or_detection_of_serious_crime", label: "It would undermine the prevention, detection or prosecution of a serious crime"),
        C(value: "undermine_legal_proceedings", label: "It would undermine legal advice, or legal or regulatory proceedings"),
        C(value: "undue_delay", label: "It would cause a delay that could place the child at increased risk of harm"),
        C(value: "not_practicable", label: "It is not practicable: the person cannot be reached or cannot consent"),
    ]

    /// A reason consent is not sought, never one for not telling the family (spec/record.md).
    static let statutoryDuty = C(value: "statutory_duty",
                                 label: "The law requires the information to be shared, such as a child protection file moving to a new school")

    static let consent = QuestionPage(
        title: "Consent", caption: "Before you share",
        intro: "You do not need consent to share information to protect a child. Where it is safe, tell the family and seek their agreement; where you do not, record why.",
        questions: [
            Question(["consent", "status"], "Was consent to share sought?", .radios([
                C(value: "given", label: "Yes, and it was given"), C(value: "refused", label: "Yes, and it was refused",
                                                                   hint: "You may still share where a child is at risk; the refusal is recorded"),
                C(value: "sought", label: "Yes, no answer yet"), C(value: "not_sought", label: "No, it was not sought"),
            ]), missing: "Select whether consent to share was sought"),
            Question(["consent", "reason"], "If consent was not sought, why not?", .radios(exceptions + [statutoryDuty]),
                     hint: "Only if you answered No", missing: "Select why consent was not sought"),
            Question(["consent", "family", "status"], "Have the child and family been told that you are sharing?", .radios([
                C(value: "told", label: "Yes, they have been told"), C(value: "will_be_told", label: "They will be told"),
                C(value: "not_told", label: "No, they will not be told"),
            ]), hint: "Leave unanswered if not recorded"),
            Question(["consent", "family", "by"], "Who will tell them?", .text(width: "20"), hint: "Only if they will be told, for example the class teacher",
                     missing: "Enter who will tell the family"),
            Question(["consent", "family", "reason"], "If they will not be told, why not?", .select([C(value: "", label: "Choose a reason")] + exceptions),
                     missing: "Select why the family will not be told"),
        ],
        owns: [["consent"]],
        tidy: { o in
            var o = o
            if o.value(at: ["consent", "status"])?.stringValue != "not_sought" { o = o.setting(["consent", "reason"], to: nil) }
            let family = o.value(at: ["consent", "family", "status"])?.stringValue
            if family != "will_be_told" { o = o.setting(["consent", "family", "by"], to: nil) }
            if family != "not_told" { o = o.setting(["consent", "family", "reason"], to: nil) }
            return o
        })

    static let child = QuestionPage(
        title: "The child", caption: "About the child",
        questions: [
            Question(["subject", "name"], "Full name", .text(width: nil), missing: "Enter the child's full name", autocomplete: "off"),
            Question(["subject", "aka"], "Other names they are known by", .names, hint: "One a line: nicknames, previous names, other spellings"),
            Question(["subject", "dob"], "Date of birth", .date, hint: "For example, 27 3 2016"),
            Question(["subject", "nhs_number"], "NHS number", .text(width: "10"), hint: "10 digits, for example 943 476 5919. It is checked as you save.",
                     inputmode: "numeric"),
            Question(["subject", "gender"], "Gender", .text(width: "20"), hint: "As recorded by your agency"),
            Question(["subject", "address"], "Address", .textarea(rows: 3)),
            Question(["subject", "school"], "School or setting", .text(width: nil)),
        ],
        owns: [["subject"]])

    static let author = QuestionPage(
        title: "About you", caption: "Who is making the referral",
        intro: "The agency you refer to will contact you about this referral. Give a work phone number or email address, or both.",
        questions: [
            Question(["author", "name"], "Your name", .text(width: nil), missing: "Enter your name"),
            Question(["author", "job_title"], "Job title", .text(width: nil), missing: "Enter your job title"),
            Question(["author", "organisation"], "Organisation", .text(width: nil), missing: "Enter your organisation"),
            Question(["author", "phone"], "Work phone", .text(width: "20"), missing: "Enter a work phone number or email address",
                     autocomplete: "tel", inputmode: "tel"),
            Question(["author", "email"], "Work email", .text(width: nil), autocomplete: "email"),
        ],
        owns: [["author"]])

    static let narrative = QuestionPage(
        title: "What happened", caption: "The account",
        intro: "Say what happened in your own words: what was seen, heard or said, when and where. Name people as you would; third parties are protected before anything leaves.",
        questions: [Question(["narrative"], "What happened", .textarea(rows: 12), missing: "Enter what happened")],
        owns: [["narrative"]])

    static let concern = QuestionPage(
        title: "The concern", caption: "What is feared",
        questions: [
            Question(["concern", "categories"], "Categories of harm", .checkboxes(SafeguardingRecord.Concern.Category.allCases.map {
                C(value: $0.rawValue, label: label($0.rawValue))
            }), hint: "Select all that apply", missing: "Select at least one category of harm"),
            Question(["concern", "risk_level"], "Your assessment of risk", .radios(SafeguardingRecord.Concern.RiskLevel.allCases.map {
                C(value: $0.rawValue, label: label($0.rawValue))
            } + [C(value: "", label: "Not yet assessed")])),
            Question(["concern", "urgency"], "How urgent is it?", .radios([
                C(value: "emergency", label: "Emergency", hint: "The child is in immediate danger: call 999 first, then send this"),
                C(value: "urgent", label: "Urgent", hint: "Action is needed today"),
                C(value: "routine", label: "Routine", hint: "Within the partnership's normal timescales"),
            ]), missing: "Select how urgent it is"),
        ],
        owns: [["concern"]])

    /// Purpose and lawful basis, chosen from the agreement in force.
    static func purpose(_ agreement: Agreement) -> QuestionPage {
        var bases: [SafeguardingRecord.LawfulBasis.Article6] = []
        for p in agreement.purposes { for b in p.lawfulBases where !bases.contains(b) { bases.append(b) } }
        return QuestionPage(
            title: "Purpose and lawful basis", caption: "Why you are sharing",
            intro: "Your partnership's agreement (\(agreement.title)) names the purposes you may share for and the lawful basis each rests on.",
            questions: [
                Question(["purpose"], "Purpose", .radios(agreement.purposes.map {
                    C(value: $0.id, label: $0.name, hint: "Lawful basis: " + $0.lawfulBases.map { label($0.rawValue) }.joined(separator: " or "))
                }), missing: "Select the purpose"),
                Question(["lawful_basis", "article_6"], "Lawful basis (UK GDPR Article 6)", .radios(bases.map { C(value: $0.rawValue, label: label($0.rawValue)) }),
                         missing: "Select the lawful basis"),
                Question(["lawful_basis", "article_9"], "Condition for special category data (Article 9)",
                         .select([C(value: "", label: "None needed")] + SafeguardingRecord.LawfulBasis.Article9.allCases.map {
                             C(value: $0.rawValue, label: label($0.rawValue))
                         }), hint: "Needed when the record holds an NHS number or concerns health or sex life; for safeguarding usually the safeguarding of children and individuals at risk",
                         missing: "Select the condition for special category data: the referral holds an NHS number or a concern about health or sex life"),
            ],
            owns: [["purpose"], ["lawful_basis"]])
    }

    // MARK: - Lists

    static let household = QuestionPage(
        title: "Household member", caption: "Who lives with the child",
        questions: [
            Question(["relationship"], "Relationship to the child", .text(width: "20"), hint: "For example mother, mother's partner, brother",
                     missing: "Enter their relationship to the child"),
            Question(["name"], "Full name", .text(width: nil)),
            Question(["aka"], "Other names", .names, hint: "One a line"),
            Question(["dob"], "Date of birth", .date, hint: "For example, 27 3 1990"),
            Question(["address"], "Address", .textarea(rows: 3), hint: "If different from the child's"),
            Question(["phone"], "Phone", .text(width: "20"), inputmode: "tel"),
            Question(["email"], "Email", .text(width: nil)),
            Question(["alleged_perpetrator"], "Is this person alleged to have caused harm?",
                     .radios([C(value: "yes", label: "Yes"), C(value: "no", label: "No")], yesNo: true), hint: "Leave unanswered if not known"),
        ],
        owns: [[]])

    static let party = QuestionPage(
        title: "Other person named", caption: "Other people named",
        intro: "Anyone named who is neither the child nor in the household. A protected person's name and details never leave your agency: recipients see a token such as [Third party 1 (neighbour)].",
        questions: [
            Question(["role"], "Role", .select([C(value: "", label: "Choose a role")] + SafeguardingRecord.PartyRole.allCases.map {
                C(value: $0.rawValue, label: label($0.rawValue))
            }), missing: "Select their role"),
            Question(["relationship"], "Relationship to the child or family", .text(width: nil), hint: "For example next-door neighbour, maternal aunt"),
            Question(["name"], "Full name", .text(width: nil)),
            Question(["address"], "Address", .textarea(rows: 3)),
            Question(["phone"], "Phone", .text(width: "20"), inputmode: "tel"),
            Question(["email"], "Email", .text(width: nil)),
            Question(["protect"], "Protect this person's identity?", .radios([
                C(value: "yes", label: "Yes, protect them", hint: "Their name and contact details are replaced before anything leaves"),
                C(value: "no", label: "No, share their details", hint: "For example a professional content to be contacted"),
            ], yesNo: true), missing: "Select whether to protect this person"),
        ],
        owns: [[]])

    static let statement = QuestionPage(
        title: "Statement", caption: "Statements",
        intro: "One piece of information, marked as fact or opinion and current or historical, as the guidance asks.",
        questions: [
            Question(["text"], "Statement", .textarea(rows: 4), missing: "Enter the statement"),
            Question(["kind"], "Is it fact or opinion?", .radios([
                C(value: "fact", label: "Fact", hint: "Seen, heard, said or recorded"), C(value: "opinion", label: "Opinion", hint: "A judgement or belief"),
            ]), missing: "Select fact or opinion"),
            Question(["time"], "Is it current or historical?", .radios([
                C(value: "current", label: "Current"), C(value: "historical", label: "Historical"),
            ]), missing: "Select current or historical"),
            Question(["source"], "Source", .text(width: nil), hint: "Who said, saw or recorded it, for example class teacher"),
        ],
        owns: [[]])
}
